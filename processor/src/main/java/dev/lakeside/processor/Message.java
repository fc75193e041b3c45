package dev.lakeside.processor;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports, with a stable code. Each says what was expected, what was
 * found, and the fix. Codes never change meaning; retired codes are not reused.
 */
enum Message {
    INTERNAL_ERROR(
            100,
            "the Lakeside processor failed on %s: %s. Expected: no internal error; found: the stack "
                    + "trace below. Fix: please report this as a bug with the record.%n%s"),
    NOT_A_RECORD(
            101,
            "@LakehouseTable can only be applied to records. Expected: a record; found: %s %s. "
                    + "Fix: declare it as `record %s(...)`."),
    NOT_ACCESSIBLE(
            102,
            "@LakehouseTable record %s is not accessible to the generated %s in its package. "
                    + "Expected: a top-level or static nested record that is not private (nor inside a private type), "
                    + "and not local; found: %s. Fix: make it package-private or public."),
    GENERIC_RECORD(
            103,
            "@LakehouseTable record %s has type parameters %s. Expected: a record without type "
                    + "parameters, since a table has one fixed set of column types; found: %s. Fix: remove the type "
                    + "parameters, or annotate a non-generic record that uses concrete types."),
    INVALID_IDENTIFIER(
            104,
            "%s is not a usable identifier. Expected: a name without leading or trailing "
                    + "whitespace and without control characters, or empty for the default; found: \"%s\". Fix: %s."),
    UNSUPPORTED_TYPE(
            105,
            "Component '%s' of %s has type %s, which has no column mapping. Expected one of: "
                    + "boolean, byte, short, int, long, float, double (or their boxes), BigInteger, BigDecimal, String, "
                    + "UUID, Instant, OffsetDateTime, LocalDate, LocalTime, LocalDateTime, Duration, byte[], an enum, "
                    + "a record (STRUCT), or List<T>, Set<T>, Map<String, V> of those; found: %s. Fix: %s."),
    MAP_KEY_NOT_STRING(
            106,
            "Component '%s' of %s is a Map with %s keys. Expected: Map<String, V>, which maps to "
                    + "MAP(VARCHAR, V); found: %s. Fix: use String keys, or a List of a record with key and value components."),
    NAME_COLLISION(
            107,
            "Component '%s' of %s maps to column \"%s\", which collides with column \"%s\" of "
                    + "component '%s' (DuckDB compares identifiers ignoring case). Expected: column names that differ "
                    + "ignoring case; found: both. Fix: rename a component, or set @Column(name = \"...\") on one."),
    EVENT_ID_NOT_UUID(
            108,
            "@EventId on component '%s' of %s, which has type %s. Expected: java.util.UUID, "
                    + "filled with a UUIDv7 when null; found: %s. Fix: change the component to UUID, or remove @EventId."),
    EVENT_ID_REPEATED(
            109,
            "@EventId on component '%s' of %s, but '%s' already has it. Expected: at most one "
                    + "@EventId per record; found: two. Fix: remove @EventId from one of them."),
    NULLABILITY_CONFLICT(
            110,
            "Component '%s' of %s is annotated @%s but is %s. Expected: a nullable "
                    + "component to be a reference type that is neither @PrimaryKey, @NonNull nor @NotNull; found: both. "
                    + "Fix: remove @%s, or %s."),
    TYPE_OVERRIDE_NOT_ALLOWED(
            111,
            "@Column(type = \"%s\") on component '%s' of %s, which has Java type %s. "
                    + "Expected: %s; found: \"%s\". Fix: use one of those, or change the component's type."),
    DECIMAL_OUT_OF_RANGE(
            112,
            "@Column(type = \"%s\") on component '%s' of %s is not a valid DECIMAL. Expected: "
                    + "DECIMAL(p,s) with 1 <= p <= 38 and 0 <= s <= p; found: precision %s, scale %s. Fix: choose a "
                    + "precision and scale within those bounds, e.g. DECIMAL(18,4)."),
    RECURSIVE_RECORD(
            113,
            "Component '%s' of %s refers to record %s, which contains itself (%s). Expected: nested "
                    + "records without cycles, since a STRUCT cannot contain itself; found: a cycle. Fix: break the cycle, "
                    + "e.g. store the nested value's id instead."),
    TYPE_NOT_ACCESSIBLE(
            114,
            "Component '%s' of %s has type %s, which the generated %s cannot use. Expected: a "
                    + "non-generic record or enum that is not private (nor inside a private type); found: %s. Fix: make "
                    + "it package-private or public%s."),
    UNRESOLVED_TYPE(
            115,
            "Component '%s' of %s has type %s, which could not be resolved, even after other "
                    + "processors ran. Expected: a type that exists; found: an unresolved type. Fix: fix the type's import "
                    + "or the processor that should generate it."),
    NO_COMPONENTS(
            116,
            "@LakehouseTable record %s has no components. Expected: at least one component, since a "
                    + "table needs a column; found: none. Fix: add components."),
    PRIMARY_KEY_TYPE(
            117,
            "@PrimaryKey on component '%s' of %s, whose column type is %s. Expected: a scalar "
                    + "column (not a LIST, MAP, STRUCT or JSON), since DuckDB cannot index those; found: %s. Fix: remove "
                    + "@PrimaryKey from it, or key on a scalar component."),
    FINDER_UNKNOWN_PREFIX(
            200,
            "Method %s is not a derived finder. Expected a name starting with one of: find, "
                    + "read, get, query, stream, count, exists, delete; found: \"%s\". Fix: rename it (closest: %s), or "
                    + "declare it with @Query."),
    FINDER_MISSING_BY(201, "Method %s has no \"By\" after \"%s\". Expected: %s; found: %s. Fix: %s."),
    FINDER_UNKNOWN_SUBJECT(
            202,
            "Method %s has an unknown keyword between \"%s\" and \"By\". Expected: "
                    + "All, Distinct, First, First<N> or Top<N>; found: \"%s\". Fix: remove it, or use one of those "
                    + "(closest: %s)."),
    FINDER_BAD_LIMIT(
            203,
            "Method %s has an invalid row limit. Expected: First, or First<N>/Top<N> with "
                    + "1 <= N <= 2147483647; found: \"%s\". Fix: %s."),
    FINDER_MODIFIER_NOT_ALLOWED(
            204,
            "Method %s uses %s with \"%s\". Expected: %s only with find, read, get, "
                    + "query or stream; found: \"%s\". Fix: remove %s."),
    FINDER_UNKNOWN_PROPERTY(
            205,
            "Method %s refers to an unknown property of %s. Expected a property (the "
                    + "capitalised record component name); found: \"%s\" at \"%s\". Fix: use one of (closest first): %s."),
    FINDER_UNKNOWN_KEYWORD(
            206,
            "Method %s has an unknown keyword after property '%s'. Expected one of "
                    + "(closest first): %s; found: \"%s\". Fix: use one of those%s."),
    FINDER_MISSING_PROPERTY(
            207, "Method %s has %s without a property. Expected a property of %s %s; found: %s. " + "Fix: %s."),
    FINDER_DUPLICATE_ORDER(
            208,
            "Method %s orders by property '%s' twice. Expected: each property at most once "
                    + "in OrderBy; found: \"%s\". Fix: remove the second one."),
    FINDER_IGNORE_CASE_NOT_ALLOWED(
            209,
            "Method %s has IgnoreCase on property '%s' with %s, which compares no "
                    + "value. Expected: IgnoreCase only after an operator that takes a parameter; found: \"%s\". Fix: "
                    + "remove IgnoreCase."),
    REPOSITORY_NOT_INTERFACE(
            210,
            "@LakehouseRepository can only be applied to interfaces. Expected: an interface "
                    + "extending TableRepository<T>; found: %s %s. Fix: declare it as `interface %s extends TableRepository<T>`."),
    REPOSITORY_NO_TABLE(
            211,
            "@LakehouseRepository %s does not name its table. Expected: an interface extending "
                    + "dev.lakeside.repository.TableRepository<T> with T a @LakehouseTable record; found: %s. Fix: %s."),
    REPOSITORY_NOT_ACCESSIBLE(
            212,
            "@LakehouseRepository %s cannot be implemented by the generated %s. Expected: a "
                    + "top-level or static nested interface without type parameters that is not private (nor inside a private "
                    + "type); found: %s. Fix: %s."),
    METHOD_NOT_SUPPORTED(213, "Method %s cannot be implemented. Expected: %s; found: %s. Fix: %s."),
    FINDER_PARAMETERS(214, "Method %s has the wrong parameters for its name. Expected: %s; found: %s. Fix: %s."),
    FINDER_PARAMETER_TYPE(
            215,
            "Parameter '%s' of %s has type %s, but it is compared with property '%s' of type %s "
                    + "(%s). Expected: %s; found: %s. Fix: %s."),
    FINDER_OPERATOR_TYPE(216, "Method %s applies %s to property '%s' of type %s. Expected: %s; found: %s. Fix: %s."),
    RETURN_TYPE(217, "Method %s returns %s. Expected: %s; found: %s. Fix: %s."),
    PROJECTION_COMPONENT(
            218,
            "Component '%s' of %s, which %s returns, %s. Expected: components that are properties of "
                    + "%s with the same types (%s); found: %s. Fix: %s."),
    SPECIAL_PARAMETER(219, "Method %s has %s. Expected: %s; found: %s. Fix: %s."),
    QUERY_SYNTAX(220, "The @Query of %s cannot be read: %s"),
    QUERY_UNKNOWN_PARAMETER(
            221,
            "The @Query of %s refers to :%s at offset %d, which is not a parameter of the method. "
                    + "Expected one of: %s; found: :%s. Fix: %s."),
    QUERY_UNUSED_PARAMETER(
            222,
            "Parameter '%s' of %s is not used in its @Query. Expected: every parameter referenced "
                    + "as :%s; found: no reference. Fix: reference it, or remove it."),
    QUERY_TYPE(
            223,
            "%s of %s has type %s, which has no SQL mapping. Expected: a type that maps to a column type; "
                    + "found: %s. Fix: %s."),
    CACHED_TTL(224, "@Cached(ttl = \"%s\") on %s is not a usable time to live. Expected: %s; found: \"%s\". Fix: %s."),
    FINDER_MIXES_AND_OR(
            225,
            Diagnostic.Kind.WARNING,
            "Method %s mixes And and Or. Expected: And binds tighter than "
                    + "Or, as in SQL, so it means %s; found: a name that reads either way (Micronaut Data binds Or tighter). "
                    + "Fix: if that is what you mean, ignore this or use @Query to say it explicitly."),
    VERIFICATION_UNAVAILABLE(
            226,
            Diagnostic.Kind.WARNING,
            "The SQL of %s was not verified at compile time: %s. "
                    + "Expected: a working lakeside-verifier; found: %s. Fix: %s."),
    VERIFIER_ABSENT(
            227,
            Diagnostic.Kind.NOTE,
            "Lakeside: the SQL of %d repository method(s) was not checked against "
                    + "the schema. Add dev.lakeside:lakeside-verifier to the annotation processor path to have DuckDB verify "
                    + "every finder and @Query at compile time (unknown tables and columns, result and parameter types).");

    private final String code;
    private final Diagnostic.Kind kind;
    private final String template;

    Message(int code, String template) {
        this(code, Diagnostic.Kind.ERROR, template);
    }

    Message(int code, Diagnostic.Kind kind, String template) {
        this.code = "LS" + code;
        this.kind = kind;
        this.template = template;
    }

    String code() {
        return code;
    }

    Diagnostic.Kind kind() {
        return kind;
    }

    String format(Object... args) {
        return "[" + code + "] " + String.format(template, args);
    }
}
