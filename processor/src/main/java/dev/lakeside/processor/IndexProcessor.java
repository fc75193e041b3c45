package dev.lakeside.processor;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes what spans every {@code @LakehouseTable} record of a compilation, in the last round:
 * <ul>
 *   <li>{@code META-INF/services/dev.lakeside.mapping.TableModel}: the ServiceLoader index of the
 *       generated table models, which {@code TableModels.all} and {@code DdlExport} read;</li>
 *   <li>{@code META-INF/lakeside/schema.sql}: every table's DDL, ordered by qualified table name
 *       and then record name;</li>
 *   <li>{@code META-INF/lakeside/repositories}: the binary names of the {@code @LakehouseRepository}
 *       interfaces, sorted, which {@code RepositoryIndex.all} reads (a dependency injector registers one
 *       bean per line).</li>
 * </ul>
 * Aggregating in Gradle's sense. It reports nothing: {@link TableProcessor} reports the problems of
 * the records it leaves out.
 */
public final class IndexProcessor extends AbstractProcessor {
    static final String SERVICES = "META-INF/services/dev.lakeside.mapping.TableModel";
    static final String SCHEMA = "META-INF/lakeside/schema.sql";
    static final String REPOSITORIES = "META-INF/lakeside/repositories";

    private TypeCollector collector;
    private TablePipeline pipeline;
    /** By record name, so a record seen in two rounds counts once. */
    private final Map<String, TableDef> tables = new TreeMap<>();
    /** Interface binary names, by qualified name. */
    private final Map<String, String> repositories = new TreeMap<>();

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        collector = new TypeCollector(environment.getElementUtils(), Mirrors.LAKEHOUSE_TABLE);
        pipeline = new TablePipeline();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Mirrors.LAKEHOUSE_TABLE, RepositoryModeler.LAKEHOUSE_REPOSITORY);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            for (TypeElement type : collector.collect(round)) {
                pipeline.model(type, null)
                        .ifPresent(table -> tables.put(type.getQualifiedName().toString(), table));
            }
            TypeElement repository =
                    processingEnv.getElementUtils().getTypeElement(RepositoryModeler.LAKEHOUSE_REPOSITORY);
            if (repository != null) {
                for (Element element : round.getElementsAnnotatedWith(repository)) {
                    if (element.getKind() == ElementKind.INTERFACE) {
                        TypeElement type = (TypeElement) element;
                        repositories.put(
                                type.getQualifiedName().toString(),
                                processingEnv
                                        .getElementUtils()
                                        .getBinaryName(type)
                                        .toString());
                    }
                }
            }
            if (round.processingOver() && !tables.isEmpty()) {
                writeIndex();
            }
            if (round.processingOver() && !repositories.isEmpty()) {
                writeRepositories();
            }
        } catch (RuntimeException e) {
            TablePipeline.internalError(processingEnv.getMessager(), null, e);
        }
        return false;
    }

    private void writeIndex() {
        List<TableDef> ordered = new ArrayList<>(tables.values());
        ordered.sort(Comparator.comparing(TableDef::qualifiedName)
                .thenComparing(t -> t.record().canonicalName()));
        Element[] originating = tables.keySet().stream()
                .map(name -> processingEnv.getElementUtils().getTypeElement(name))
                .filter(Objects::nonNull)
                .toArray(Element[]::new);
        StringBuilder services = new StringBuilder();
        for (TableDef table : ordered) {
            services.append(table.generated().reflectionName()).append('\n');
        }
        write(SERVICES, services.toString(), originating);
        write(SCHEMA, DdlGenerator.schemaSql(ordered), originating);
    }

    private void writeRepositories() {
        Element[] originating = repositories.keySet().stream()
                .map(name -> processingEnv.getElementUtils().getTypeElement(name))
                .filter(Objects::nonNull)
                .toArray(Element[]::new);
        StringBuilder index = new StringBuilder();
        repositories.values().stream()
                .sorted()
                .forEach(name -> index.append(name).append('\n'));
        write(REPOSITORIES, index.toString(), originating);
    }

    private void write(String path, String content, Element[] originating) {
        Filer filer = processingEnv.getFiler();
        try {
            FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, originating);
            try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                out.write(content);
            }
        } catch (IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR,
                            Message.INTERNAL_ERROR.format("the table index", "cannot write " + path + ": " + e, ""));
        }
    }
}
