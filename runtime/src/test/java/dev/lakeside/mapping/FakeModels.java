package dev.lakeside.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.List;
import java.util.Optional;

/** Hand-written table models, listed in this module's test META-INF/services, standing for generated ones. */
final class FakeModels {
  private FakeModels() {}

  record A() {}

  record B() {}

  abstract static class Base<T> implements TableModel<T> {
    @Override
    public String ddl(String defaultCatalog, String defaultSchema) {
      return "CREATE TABLE IF NOT EXISTS " + qualifiedName(defaultCatalog, defaultSchema) + " (\n  \"x\" INTEGER\n)";
    }

    @Override
    public List<TableColumn> columns() {
      return List.of(new TableColumn("x", "x", "INTEGER", true, false));
    }

    @Override
    public void write(JsonGenerator generator, T value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RowReader<T> reader() {
      throw new UnsupportedOperationException();
    }
  }

  /** Declares catalog and schema. */
  public static final class BModel extends Base<B> {
    @Override
    public Class<B> type() {
      return B.class;
    }

    @Override
    public Optional<String> catalog() {
      return Optional.of("z");
    }

    @Override
    public Optional<String> schema() {
      return Optional.of("s");
    }

    @Override
    public String name() {
      return "b_table";
    }
  }

  /** Declares neither. */
  public static final class AModel extends Base<A> {
    @Override
    public Class<A> type() {
      return A.class;
    }

    @Override
    public Optional<String> catalog() {
      return Optional.empty();
    }

    @Override
    public Optional<String> schema() {
      return Optional.empty();
    }

    @Override
    public String name() {
      return "a_table";
    }
  }
}
