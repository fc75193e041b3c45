package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The state of modelling one {@code @LakehouseRepository} interface, shared by {@link InterfaceChecks},
 * {@link FinderModeler}, {@link FinderPredicate}, {@link QueryModeler} and {@link ResultShapes}: the
 * interface, its table, where problems go, and what every kind of method needs (its name in messages,
 * caching, verification).
 */
final class RepositoryScope {
    static final String SORT = "dev.lakeside.repository.Sort";
    static final String LIMIT = "dev.lakeside.repository.Limit";
    static final String PAGE_REQUEST = "dev.lakeside.repository.PageRequest";

    final Types types;
    final Elements elements;
    final TypeElement repository;
    final ClassName name;
    final ClassName generated;
    final TypeElement entity;
    final TableDef table;
    final Problems problems;
    /** The table's columns by record component name, in declaration order. */
    final Map<String, TableDef.ColumnDef> columns;
    /** The entity's component types by name. */
    final Map<String, TypeMirror> componentTypes;
    /** For parameter and result types, as the generated class uses them. */
    final TypeResolver resolver;

    private final Optional<AnnotationMirror> typeCached;

    RepositoryScope(
            Types types,
            Elements elements,
            TypeElement repository,
            ClassName name,
            ClassName generated,
            TypeElement entity,
            TableDef table,
            Problems problems) {
        this.types = types;
        this.elements = elements;
        this.repository = repository;
        this.name = name;
        this.generated = generated;
        this.entity = entity;
        this.table = table;
        this.problems = problems;
        Map<String, TableDef.ColumnDef> columns = new LinkedHashMap<>();
        table.columns().forEach(c -> columns.put(c.component(), c));
        this.columns = Collections.unmodifiableMap(columns);
        Map<String, TypeMirror> componentTypes = new LinkedHashMap<>();
        for (RecordComponentElement component : ElementFilter.recordComponentsIn(entity.getEnclosedElements())) {
            componentTypes.put(component.getSimpleName().toString(), component.asType());
        }
        this.componentTypes = Collections.unmodifiableMap(componentTypes);
        this.resolver = new TypeResolver(generated, repository.getSimpleName().toString());
        this.typeCached = Mirrors.find(repository, RepositoryModeler.CACHED);
    }

    /** A method parameter, with its type as a member of the repository. */
    record Argument(VariableElement element, TypeMirror type) {
        String name() {
            return element.getSimpleName().toString();
        }

        /** The parameters of {@code method}, whose type as a member of the repository is {@code type}. */
        static List<Argument> of(ExecutableElement method, ExecutableType type) {
            List<Argument> arguments = new ArrayList<>();
            for (int i = 0; i < method.getParameters().size(); i++) {
                arguments.add(new Argument(
                        method.getParameters().get(i), type.getParameterTypes().get(i)));
            }
            return List.copyOf(arguments);
        }
    }

    /** {@code Interface.method}, for messages. */
    String where(ExecutableElement method) {
        return String.join(".", name.simpleNames()) + "." + method.getSimpleName();
    }

    /** The TTL of {@code @Cached} on the method or else the interface, or empty (reporting a bad TTL). */
    Optional<Duration> cache(ExecutableElement method) {
        Optional<AnnotationMirror> annotation =
                Mirrors.find(method, RepositoryModeler.CACHED).or(() -> typeCached);
        if (annotation.isEmpty()) {
            return Optional.empty();
        }
        AnnotationValue enabled = Mirrors.explicitValue(annotation.get(), "enabled");
        if (enabled != null && Boolean.FALSE.equals(enabled.getValue())) {
            return Optional.empty();
        }
        AnnotationValue ttlValue = Mirrors.explicitValue(annotation.get(), "ttl");
        String ttl = ttlValue == null ? "PT1M" : String.valueOf(ttlValue.getValue());
        Element on = Mirrors.find(method, RepositoryModeler.CACHED).isPresent() ? method : repository;
        try {
            Duration duration = Duration.parse(ttl);
            if (duration.isNegative() || duration.isZero()) {
                problems.error(
                        on,
                        annotation.get(),
                        ttlValue,
                        Message.CACHED_TTL,
                        ttl,
                        where(method),
                        "a positive ISO-8601 duration",
                        ttl,
                        "use e.g. PT30S or PT5M");
                return Optional.empty();
            }
            return Optional.of(duration);
        } catch (DateTimeParseException e) {
            problems.error(
                    on,
                    annotation.get(),
                    ttlValue,
                    Message.CACHED_TTL,
                    ttl,
                    where(method),
                    "an ISO-8601 duration such as PT30S, PT5M or PT1H",
                    ttl,
                    "write it as PT<n>S, PT<n>M or PT<n>H");
            return Optional.empty();
        }
    }

    /** Where the problems of the method being modelled start, for {@link #failedSince}. */
    int mark() {
        return problems.list().size();
    }

    /**
     * Whether problems were reported since {@code mark} and any problem so far is an error: modelling the
     * method stops there.
     */
    boolean failedSince(int mark) {
        return problems.list().size() > mark && problems.hasErrors();
    }

    /** Reports {@code @Cached} on a method whose statement writes ({@code found} says which); whether it did. */
    boolean rejectCached(ExecutableElement method, String found) {
        Optional<AnnotationMirror> cached = Mirrors.find(method, RepositoryModeler.CACHED);
        if (cached.isEmpty()) {
            return false;
        }
        problems.error(
                method,
                cached.get(),
                null,
                Message.CACHED_TTL,
                "",
                where(method),
                "@Cached only on methods that read",
                found,
                "remove @Cached");
        return true;
    }

    /** Whether the method or the interface is annotated {@code @SkipVerification}. */
    boolean skipped(ExecutableElement method) {
        return Mirrors.has(method, RepositoryModeler.SKIP_VERIFICATION)
                || Mirrors.has(repository, RepositoryModeler.SKIP_VERIFICATION);
    }

    void returnProblem(ExecutableElement method, TypeMirror returns, String expected, String fix) {
        problems.error(method, Message.RETURN_TYPE, where(method), returns, expected, returns, fix);
    }

    TypeMirror boxed(TypeMirror type) {
        return type.getKind().isPrimitive()
                ? types.boxedClass((PrimitiveType) type).asType()
                : type;
    }

    static boolean isBoolean(TypeMirror type) {
        return type.getKind() == TypeKind.BOOLEAN || "java.lang.Boolean".equals(qualifiedName(type));
    }

    static String qualifiedName(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        return ((TypeElement) ((DeclaredType) type).asElement())
                .getQualifiedName()
                .toString();
    }

    /** Whether {@code qualified} names {@code Sort}, {@code Limit} or {@code PageRequest}. */
    static boolean isSpecial(String qualified) {
        return SORT.equals(qualified) || LIMIT.equals(qualified) || PAGE_REQUEST.equals(qualified);
    }

    static String simple(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
