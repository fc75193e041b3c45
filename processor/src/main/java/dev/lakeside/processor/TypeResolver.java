package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Maps a component's Java type to a {@link ValueType}, or explains why it cannot. Pure with respect
 * to the model: it reads javac's types and annotations and returns immutable values.
 */
final class TypeResolver {
    private static final Pattern DECIMAL =
            Pattern.compile("\\s*DECIMAL\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NON_NULL_NAMES = Set.of("NonNull", "NotNull");
    private static final String NULLABLE_NAME = "Nullable";

    private static final Map<String, ScalarType> SCALARS = new HashMap<>();

    static {
        SCALARS.put("java.lang.Boolean", ScalarType.BOOLEAN);
        SCALARS.put("java.lang.Byte", ScalarType.TINYINT);
        SCALARS.put("java.lang.Short", ScalarType.SMALLINT);
        SCALARS.put("java.lang.Integer", ScalarType.INTEGER);
        SCALARS.put("java.lang.Long", ScalarType.BIGINT);
        SCALARS.put("java.lang.Float", ScalarType.REAL);
        SCALARS.put("java.lang.Double", ScalarType.DOUBLE);
        SCALARS.put("java.math.BigInteger", ScalarType.HUGEINT);
        SCALARS.put("java.lang.String", ScalarType.VARCHAR);
        SCALARS.put("java.util.UUID", ScalarType.UUID);
        SCALARS.put("java.time.Instant", ScalarType.INSTANT);
        SCALARS.put("java.time.OffsetDateTime", ScalarType.OFFSET_DATE_TIME);
        SCALARS.put("java.time.LocalDate", ScalarType.DATE);
        SCALARS.put("java.time.LocalTime", ScalarType.TIME);
        SCALARS.put("java.time.LocalDateTime", ScalarType.TIMESTAMP);
        SCALARS.put("java.time.Duration", ScalarType.INTERVAL);
    }

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("java.util.Date", "use java.time.Instant"),
            Map.entry("java.sql.Timestamp", "use java.time.Instant or java.time.LocalDateTime"),
            Map.entry("java.sql.Date", "use java.time.LocalDate"),
            Map.entry("java.sql.Time", "use java.time.LocalTime"),
            Map.entry("java.util.Calendar", "use java.time.Instant"),
            Map.entry("java.time.ZonedDateTime", "use java.time.OffsetDateTime or java.time.Instant"),
            Map.entry("java.util.Optional", "use the value type itself: reference components are nullable"),
            Map.entry("java.lang.Character", "use String"),
            Map.entry(
                    "java.lang.Object",
                    "use a concrete type, or a String with @Column(type = \"JSON\") for free-form JSON"),
            Map.entry("java.util.Collection", "declare it as List<T>"),
            Map.entry("java.lang.Iterable", "declare it as List<T>"),
            Map.entry("java.util.ArrayList", "declare it as List<T>"),
            Map.entry("java.util.LinkedList", "declare it as List<T>"),
            Map.entry("java.util.HashSet", "declare it as Set<T>"),
            Map.entry("java.util.LinkedHashSet", "declare it as Set<T>"),
            Map.entry("java.util.TreeSet", "declare it as Set<T>"),
            Map.entry("java.util.HashMap", "declare it as Map<String, V>"),
            Map.entry("java.util.LinkedHashMap", "declare it as Map<String, V>"),
            Map.entry("java.util.TreeMap", "declare it as Map<String, V>"));

    /** Why a type has no mapping; becomes one diagnostic. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient AnnotationMirror annotation;
        final transient AnnotationValue value;
        final transient Reason reason;

        Failure(Reason reason) {
            this(null, null, reason);
        }

        /** On {@code annotation}, or on its {@code value} when not null. */
        Failure(AnnotationMirror annotation, AnnotationValue value, Reason reason) {
            super(reason.message().name(), null, false, false);
            this.annotation = annotation;
            this.value = value;
            this.reason = reason;
        }
    }

    /**
     * What a {@link Failure} says: one record per message, its arguments named. {@code path} is the
     * component (or parameter) with the type, {@code owner} the record (or repository) it belongs to.
     */
    sealed interface Reason {
        Message message();

        /** The message's arguments, in its order. */
        Object[] args();
    }

    /** A type with no column mapping: {@code found} says what it is, {@code fix} what to use instead. */
    record Unsupported(String path, String owner, String type, String found, String fix) implements Reason {
        @Override
        public Message message() {
            return Message.UNSUPPORTED_TYPE;
        }

        @Override
        public Object[] args() {
            return new Object[] {path, owner, type, found, fix};
        }
    }

    /** A type javac could not resolve. */
    record Unresolved(String path, String owner, String type) implements Reason {
        @Override
        public Message message() {
            return Message.UNRESOLVED_TYPE;
        }

        @Override
        public Object[] args() {
            return new Object[] {path, owner, type};
        }
    }

    /** A {@code Map} whose keys are not strings. */
    record MapKeyNotString(String path, String owner, String key, String map) implements Reason {
        @Override
        public Message message() {
            return Message.MAP_KEY_NOT_STRING;
        }

        @Override
        public Object[] args() {
            return new Object[] {path, owner, key, map};
        }
    }

    /** A record that contains itself, through {@code cycle} ({@code A → B → A}). */
    record RecursiveRecord(String path, String owner, String record, String cycle) implements Reason {
        @Override
        public Message message() {
            return Message.RECURSIVE_RECORD;
        }

        @Override
        public Object[] args() {
            return new Object[] {path, owner, record, cycle};
        }
    }

    /**
     * A record or enum the generated class cannot use: {@code found} says why, {@code fix} is appended to
     * the message's fix (empty, or {@code "; and …"}).
     */
    record NotAccessible(String path, String owner, String type, String generated, String found, String fix)
            implements Reason {
        @Override
        public Message message() {
            return Message.TYPE_NOT_ACCESSIBLE;
        }

        @Override
        public Object[] args() {
            return new Object[] {path, owner, type, generated, found, fix};
        }
    }

    /** Two fields of a STRUCT whose names are equal ignoring case. */
    record NameCollision(String path, String owner, String field, String otherField, String otherComponent)
            implements Reason {
        @Override
        public Message message() {
            return Message.NAME_COLLISION;
        }

        @Override
        public Object[] args() {
            return new Object[] {path, owner, field, otherField, otherComponent};
        }
    }

    /** A {@code @Column(type)} that a component of {@code javaType} cannot take; {@code expected} says which can. */
    record OverrideNotAllowed(String override, String path, String owner, String javaType, String expected)
            implements Reason {
        @Override
        public Message message() {
            return Message.TYPE_OVERRIDE_NOT_ALLOWED;
        }

        @Override
        public Object[] args() {
            return new Object[] {override, path, owner, javaType, expected, override};
        }
    }

    /** A {@code @Column(type = "DECIMAL(p,s)")} with a precision or scale out of range. */
    record DecimalOutOfRange(String override, String path, String owner, String precision, String scale)
            implements Reason {
        @Override
        public Message message() {
            return Message.DECIMAL_OUT_OF_RANGE;
        }

        @Override
        public Object[] args() {
            return new Object[] {override, path, owner, precision, scale};
        }
    }

    private final ClassName generated;
    private final String tablePackage;
    private final String recordName;

    /**
     * @param table the record being modelled; nested types must be usable from the class generated next to it
     */
    TypeResolver(TypeElement table) {
        ClassName record = ClassName.get(table);
        this.generated = Naming.modelClass(record);
        this.tablePackage = record.packageName();
        this.recordName = table.getSimpleName().toString();
    }

    /**
     * For a repository's parameters and result records: nested types must be usable from
     * {@code generated}; {@code owner} names the repository in messages.
     */
    TypeResolver(ClassName generated, String owner) {
        this.generated = generated;
        this.tablePackage = generated.packageName();
        this.recordName = owner;
    }

    /** Any value's type (a parameter, a scalar result), without {@code @Column} overrides. */
    ValueType type(TypeMirror type, String path) throws Failure {
        return value(type, path, new ArrayDeque<>());
    }

    /** A top-level column: its type, with the {@code @Column(type)} override applied. */
    ValueType column(RecordComponentElement component) throws Failure {
        Deque<String> stack = new ArrayDeque<>();
        stack.push(((TypeElement) component.getEnclosingElement())
                .getQualifiedName()
                .toString());
        return component(component, component.getSimpleName().toString(), stack);
    }

    /** Whether a component must not be null: primitive, or annotated NonNull/NotNull (by simple name). */
    static boolean declaredNonNull(RecordComponentElement component) {
        Set<String> names = Mirrors.simpleNames(component);
        return component.asType().getKind().isPrimitive() || names.stream().anyMatch(NON_NULL_NAMES::contains);
    }

    static boolean declaredNullable(RecordComponentElement component) {
        return Mirrors.simpleNames(component).contains(NULLABLE_NAME);
    }

    static Optional<String> nonNullAnnotation(RecordComponentElement component) {
        return Mirrors.simpleNames(component).stream()
                .filter(NON_NULL_NAMES::contains)
                .findFirst();
    }

    private ValueType component(RecordComponentElement component, String path, Deque<String> stack) throws Failure {
        Optional<AnnotationMirror> column = Mirrors.find(component, Mirrors.COLUMN);
        ValueType natural = value(component.asType(), path, stack);
        if (column.isEmpty()) {
            return natural;
        }
        String override = Mirrors.string(column.get(), "type").trim();
        if (override.isEmpty()) {
            return natural;
        }
        AnnotationValue where = Mirrors.explicitValue(column.get(), "type");
        if (natural instanceof ValueType.Decimal) {
            Matcher m = DECIMAL.matcher(override);
            if (!m.matches()) {
                throw new Failure(
                        column.get(),
                        where,
                        new OverrideNotAllowed(override, path, recordName, "BigDecimal", "DECIMAL(p,s)"));
            }
            int precision = parse(m.group(1));
            int scale = parse(m.group(2));
            if (precision < 1 || precision > 38 || scale > precision) {
                throw new Failure(
                        column.get(), where, new DecimalOutOfRange(override, path, recordName, m.group(1), m.group(2)));
            }
            return new ValueType.Decimal(precision, scale);
        }
        String normalized = override.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (natural instanceof ValueType.Scalar s && s.type() == ScalarType.VARCHAR) {
            if (normalized.equals("JSON")) {
                return new ValueType.Scalar(ScalarType.JSON, false);
            }
            if (normalized.equals("VARCHAR")) {
                return natural;
            }
            throw new Failure(
                    column.get(),
                    where,
                    new OverrideNotAllowed(override, path, recordName, "String", "VARCHAR or JSON"));
        }
        if (normalized.equals(natural.sql().replaceAll("\\s+", "").toUpperCase(Locale.ROOT))) {
            return natural;
        }
        throw new Failure(
                column.get(),
                where,
                new OverrideNotAllowed(
                        override,
                        path,
                        recordName,
                        natural.javaType().toString(),
                        "its default type " + natural.sql()
                                + " (only BigDecimal and String columns take another type)"));
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private ValueType value(TypeMirror type, String path, Deque<String> stack) throws Failure {
        switch (type.getKind()) {
            case BOOLEAN:
                return new ValueType.Scalar(ScalarType.BOOLEAN, true);
            case BYTE:
                return new ValueType.Scalar(ScalarType.TINYINT, true);
            case SHORT:
                return new ValueType.Scalar(ScalarType.SMALLINT, true);
            case INT:
                return new ValueType.Scalar(ScalarType.INTEGER, true);
            case LONG:
                return new ValueType.Scalar(ScalarType.BIGINT, true);
            case FLOAT:
                return new ValueType.Scalar(ScalarType.REAL, true);
            case DOUBLE:
                return new ValueType.Scalar(ScalarType.DOUBLE, true);
            case CHAR:
                throw unsupported(path, type, "a char", "use String");
            case ARRAY:
                if (((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) {
                    return new ValueType.Scalar(ScalarType.BLOB, false);
                }
                throw unsupported(path, type, "an array", "use List<T>; only byte[] maps directly, to BLOB");
            case ERROR:
                throw new Failure(new Unresolved(path, recordName, display(type)));
            case DECLARED:
                return declared((DeclaredType) type, path, stack);
            default:
                throw unsupported(
                        path,
                        type,
                        "a " + type.getKind().toString().toLowerCase(Locale.ROOT) + " type",
                        "use a concrete type");
        }
    }

    private ValueType declared(DeclaredType type, String path, Deque<String> stack) throws Failure {
        TypeElement element = (TypeElement) type.asElement();
        String name = element.getQualifiedName().toString();
        ScalarType scalar = SCALARS.get(name);
        if (scalar != null) {
            return new ValueType.Scalar(scalar, false);
        }
        switch (name) {
            case "java.math.BigDecimal":
                return new ValueType.Decimal(ValueType.Decimal.DEFAULT_PRECISION, ValueType.Decimal.DEFAULT_SCALE);
            case "java.util.List":
            case "java.util.Set":
                return new ValueType.ListType(argument(type, 0, path, stack), name.equals("java.util.Set"));
            case "java.util.Map": {
                List<? extends TypeMirror> arguments = type.getTypeArguments();
                if (arguments.size() != 2) {
                    throw unsupported(path, type, "a raw Map", "declare it as Map<String, V>");
                }
                TypeMirror key = arguments.get(0);
                if (!(key.getKind() == TypeKind.DECLARED
                        && ((TypeElement) ((DeclaredType) key).asElement())
                                .getQualifiedName()
                                .contentEquals("java.lang.String"))) {
                    throw new Failure(new MapKeyNotString(path, recordName, display(key), display(type)));
                }
                return new ValueType.MapType(argument(type, 1, path, stack));
            }
            default:
                break;
        }
        if (element.getKind() == ElementKind.ENUM) {
            checkUsable(element, path, type);
            return new ValueType.EnumType(ClassName.get(element));
        }
        if (element.getKind() == ElementKind.RECORD) {
            return struct(element, type, path, stack);
        }
        throw unsupported(
                path,
                type,
                "a " + element.getKind().toString().toLowerCase(Locale.ROOT),
                HINTS.getOrDefault(name, "use a supported type, or a record of supported types"));
    }

    private ValueType argument(DeclaredType type, int index, String path, Deque<String> stack) throws Failure {
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        if (arguments.size() <= index) {
            throw unsupported(path, type, "a raw type", "add its type arguments, e.g. List<String>");
        }
        TypeMirror argument = arguments.get(index);
        if (argument.getKind() == TypeKind.WILDCARD || argument.getKind() == TypeKind.TYPEVAR) {
            throw unsupported(
                    path, type, "the type argument " + argument, "use a concrete type argument, e.g. List<String>");
        }
        return value(argument, path, stack);
    }

    private ValueType struct(TypeElement element, DeclaredType type, String path, Deque<String> stack) throws Failure {
        String name = element.getQualifiedName().toString();
        if (stack.contains(name)) {
            List<String> cycle = new ArrayList<>(stack);
            Collections.reverse(cycle);
            cycle.add(name);
            throw new Failure(new RecursiveRecord(
                    path,
                    recordName,
                    element.getSimpleName().toString(),
                    cycle.stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).collect(Collectors.joining(" → "))));
        }
        if (!element.getTypeParameters().isEmpty()) {
            throw new Failure(new NotAccessible(
                    path,
                    recordName,
                    display(type),
                    generated.simpleName(),
                    "a generic record",
                    "; and remove its type parameters"));
        }
        checkUsable(element, path, type);
        stack.push(name);
        List<ValueType.Field> fields = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (RecordComponentElement c : ElementFilter.recordComponentsIn(element.getEnclosedElements())) {
            String component = c.getSimpleName().toString();
            String fieldPath = path + " → " + element.getSimpleName() + "." + component;
            Optional<AnnotationMirror> column = Mirrors.find(c, Mirrors.COLUMN);
            String explicit = column.map(m -> Mirrors.string(m, "name")).orElse("");
            String field = explicit.isEmpty() ? Naming.snakeCase(component) : explicit;
            String previous = seen.putIfAbsent(field.toLowerCase(Locale.ROOT), component);
            if (previous != null) {
                throw new Failure(
                        new NameCollision(fieldPath, recordName, field, Naming.snakeCase(previous), previous));
            }
            ValueType fieldType = component(c, fieldPath, stack);
            fields.add(new ValueType.Field(component, field, fieldType, declaredNonNull(c)));
        }
        stack.pop();
        return new ValueType.StructType(ClassName.get(element), fields);
    }

    private void checkUsable(TypeElement element, String path, TypeMirror type) throws Failure {
        String reason = null;
        boolean everyLevelPublic = true;
        for (Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                reason = "private " + t.getSimpleName();
            } else if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                reason = "a local type";
            }
            everyLevelPublic &= t.getModifiers().contains(Modifier.PUBLIC);
            if (reason != null) {
                break;
            }
        }
        if (reason == null
                && !everyLevelPublic
                && !ClassName.get(element).packageName().equals(tablePackage)) {
            reason = "not public, in another package than " + recordName;
        }
        if (reason != null) {
            throw new Failure(new NotAccessible(path, recordName, display(type), generated.simpleName(), reason, ""));
        }
    }

    private Failure unsupported(String path, TypeMirror type, String found, String fix) {
        return new Failure(new Unsupported(path, recordName, display(type), found, fix));
    }

    private static String display(TypeMirror type) {
        return type.toString();
    }
}
