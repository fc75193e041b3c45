package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.lakeside.processor.spi.CheckedQuery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * The model of one {@code @LakehouseRepository} interface: its table and one {@link MethodDef} per
 * method to implement. Immutable.
 *
 * @param repository the interface
 * @param generated the class to generate
 * @param table the table of its {@code TableRepository<T>}
 * @param methods in declaration order
 * @param skipVerification the interface is annotated {@code @SkipVerification}
 * @param memberTypes simple names of the types the interface declares or inherits: inside the generated
 *     class they hide imported types of the same name, so those are written qualified
 */
record RepositoryDef(
        ClassName repository,
        ClassName generated,
        TableDef table,
        List<MethodDef> methods,
        boolean skipVerification,
        List<String> memberTypes) {
    RepositoryDef {
        methods = List.copyOf(methods);
        memberTypes = List.copyOf(memberTypes);
    }

    /** The {@code Interface.method} name that messages and {@code SqlText} use. */
    String where(String method) {
        return String.join(".", repository.simpleNames()) + "." + method;
    }

    /**
     * Where rows go.
     *
     * @param type the row type
     * @param kind the table's own reader, a generated result-record reader, or a scalar reader
     * @param slots for {@link ReaderKind#RECORD}: the components fed by result columns
     * @param scalar for {@link ReaderKind#SCALAR}: the value's type
     */
    record Reader(TypeName type, ReaderKind kind, List<ReaderModel.Slot> slots, ValueType scalar) {
        Reader {
            slots = List.copyOf(slots);
        }
    }

    enum ReaderKind {
        TABLE,
        RECORD,
        SCALAR
    }

    /**
     * One method to implement: its statement, and how the generated body runs it and returns the result,
     * one record per kind of body.
     */
    sealed interface MethodDef {
        /** The method name. */
        String name();

        /** The overriding signature (annotations, parameters, return type, no body). */
        MethodSpec signature();

        /** The statement. */
        SqlPlan plan();

        /** Who wrote the statement. */
        Origin origin();

        /** The TTL when cached. */
        Optional<Duration> cache();

        /** What a verifier checks, or empty when skipped. */
        Optional<CheckedQuery> query();

        /** The method, for diagnostics (valid in its round only). */
        ExecutableElement element();

        /**
         * Rows read into the return type: a {@code find…} finder or a {@code @Query} that reads.
         *
         * @param rows how they are returned
         * @param reader the row reader
         */
        record Select(
                String name,
                MethodSpec signature,
                SqlPlan plan,
                Rows rows,
                Reader reader,
                Origin origin,
                Optional<Duration> cache,
                Optional<CheckedQuery> query,
                ExecutableElement element)
                implements MethodDef {}

        /**
         * One page of rows and the total count: a {@code find…} finder returning {@code Page<R>}.
         *
         * @param countPlan the count statement
         * @param pageParameter the {@code PageRequest} parameter
         * @param reader the row reader
         */
        record Page(
                String name,
                MethodSpec signature,
                SqlPlan plan,
                SqlPlan countPlan,
                String pageParameter,
                Reader reader,
                Optional<Duration> cache,
                Optional<CheckedQuery> query,
                ExecutableElement element)
                implements MethodDef {
            @Override
            public Origin origin() {
                return Origin.DERIVED;
            }
        }

        /** A {@code count…} finder: {@code count(*)} as a {@code long}. */
        record Count(
                String name,
                MethodSpec signature,
                SqlPlan plan,
                Optional<Duration> cache,
                Optional<CheckedQuery> query,
                ExecutableElement element)
                implements MethodDef {
            @Override
            public Origin origin() {
                return Origin.DERIVED;
            }
        }

        /** An {@code exists…} finder: whether a row matches. */
        record Exists(
                String name,
                MethodSpec signature,
                SqlPlan plan,
                Optional<Duration> cache,
                Optional<CheckedQuery> query,
                ExecutableElement element)
                implements MethodDef {
            @Override
            public Origin origin() {
                return Origin.DERIVED;
            }
        }

        /**
         * A statement that writes, never cached: a {@code delete…} finder or a {@code @Query} that writes.
         *
         * @param result what the method returns of the number of rows changed
         */
        record Update(
                String name,
                MethodSpec signature,
                SqlPlan plan,
                UpdateResult result,
                Origin origin,
                Optional<CheckedQuery> query,
                ExecutableElement element)
                implements MethodDef {
            @Override
            public Optional<Duration> cache() {
                return Optional.empty();
            }
        }
    }

    /** Who wrote a method's statement. */
    enum Origin {
        /** The processor, from a finder's name: it names the table in full. */
        DERIVED,
        /** The user, in a {@code @Query}: it runs with the table's catalog and schema as defaults. */
        QUERY
    }

    /** How a {@link MethodDef.Select} returns its rows. */
    enum Rows {
        LIST,
        STREAM,
        OPTIONAL,
        /** Exactly one row. */
        SINGLE,
        /** Exactly one row, whose value the method returns as a primitive: null is an error. */
        PRIMITIVE
    }

    /** What a {@link MethodDef.Update} returns. */
    enum UpdateResult {
        VOID,
        /** The number of rows changed. */
        LONG,
        /** The number of rows changed, as an {@code int}. */
        INT
    }
}
