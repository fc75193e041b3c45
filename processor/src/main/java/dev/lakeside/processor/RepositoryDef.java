package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.lakeside.processor.spi.CheckedQuery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
record RepositoryDef(ClassName repository, ClassName generated, TableDef table, List<MethodDef> methods,
    boolean skipVerification, List<String> memberTypes) {
  RepositoryDef {
    methods = List.copyOf(methods);
    memberTypes = List.copyOf(memberTypes);
  }

  /** The {@code Interface.method} name that messages and {@code SqlText} use. */
  String where(String method) {
    return String.join(".", repository.simpleNames()) + "." + method;
  }

  /** What a method returns, and how the generated body gets it. */
  enum Terminal {
    LIST,
    STREAM,
    OPTIONAL,
    SINGLE,
    PAGE,
    COUNT,
    EXISTS,
    UPDATE
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
   * One method.
   *
   * @param name the method name
   * @param signature the overriding signature (annotations, parameters, return type, no body)
   * @param plan the statement
   * @param countPlan for {@link Terminal#PAGE}: the count statement
   * @param terminal how the result is read
   * @param reader the row reader, for row-returning terminals
   * @param primitiveScalar the method returns a primitive read from a single row: null is an error
   * @param intResult an {@code update} whose {@code long} count the method returns as {@code int}
   * @param voidResult returns nothing
   * @param cache the TTL when cached
   * @param tableDefaults user-written SQL: runs with the table's catalog and schema as defaults
   * @param query what a verifier checks, or empty when skipped
   * @param element the method, for diagnostics (valid in its round only)
   */
  record MethodDef(String name, MethodSpec signature, SqlPlan plan, SqlPlan countPlan, Terminal terminal,
      Reader reader, boolean primitiveScalar, boolean intResult, boolean voidResult, Optional<Duration> cache,
      boolean tableDefaults, Optional<CheckedQuery> query, javax.lang.model.element.ExecutableElement element) {}
}
