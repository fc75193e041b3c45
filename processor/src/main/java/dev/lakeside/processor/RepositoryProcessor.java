package dev.lakeside.processor;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.lakeside.processor.RepositoryDef.MethodDef;
import dev.lakeside.processor.spi.CheckedQuery;
import dev.lakeside.processor.spi.Finding;
import dev.lakeside.processor.spi.QueryVerifier;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;

/**
 * Generates {@code <Interface>Impl} for each {@code @LakehouseRepository} interface: derived finders
 * and {@code @Query} methods resolved at compile time, with the SQL in each method's Javadoc.
 * Declared {@code dynamic} to Gradle: isolating (each generated class depends on its interface and
 * the types reachable from it), or aggregating when a verifier is on, since verification reads the
 * schema of every table the compilation can see.
 *
 * <p>When a {@link QueryVerifier} ({@code lakeside-verifier}) is on the processor path, every
 * statement is also checked against the schema of the tables this compilation can see; option
 * {@code -Alakeside.verify=false} turns that off, {@code @SkipVerification} skips a method or interface.
 * The tables are this compilation's, each repository's entity (also from a jar), and those of the
 * first {@code META-INF/lakeside/schema.sql} on the class path.
 * Without a verifier, one note says what it would add. {@code process} never throws.
 */
public final class RepositoryProcessor extends AbstractProcessor {
    static final String VERIFY_OPTION = "lakeside.verify";
    private static final String GRADLE_ISOLATING = "org.gradle.annotation.processing.isolating";
    private static final String GRADLE_AGGREGATING = "org.gradle.annotation.processing.aggregating";

    private RepositoryModeler modeler;
    private TypeCollector collector;
    private RepositoryGenerator generator;
    private final TablePipeline tables = new TablePipeline();
    private final Set<String> tablesAdded = new HashSet<>();
    private QueryVerifier.Session session;
    private boolean verifierLooked;
    private boolean verifierBroken;
    private boolean classPathSchemaAdded;
    private int unverified;
    private final QueryVerifier given;
    private QueryVerifier found;

    /** For javac's service loader. */
    public RepositoryProcessor() {
        this(null);
    }

    /** With this verifier instead of the one found on the processor path (tests). */
    RepositoryProcessor(QueryVerifier verifier) {
        this.given = verifier;
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        modeler = new RepositoryModeler(environment);
        collector = new TypeCollector(environment.getElementUtils(), RepositoryModeler.LAKEHOUSE_REPOSITORY);
        boolean generatedAvailable =
                environment.getElementUtils().getTypeElement(RuntimeNames.GENERATED.canonicalName()) != null;
        generator = new RepositoryGenerator(generatedAvailable);
        found = verifying() ? findVerifier() : null;
    }

    private boolean verifying() {
        return !"false".equalsIgnoreCase(processingEnv.getOptions().getOrDefault(VERIFY_OPTION, "true"));
    }

    private QueryVerifier findVerifier() {
        if (given != null) {
            return given;
        }
        try {
            Iterator<QueryVerifier> verifiers = ServiceLoader.load(
                            QueryVerifier.class, RepositoryProcessor.class.getClassLoader())
                    .iterator();
            return verifiers.hasNext() ? verifiers.next() : null;
        } catch (ServiceConfigurationError | LinkageError e) {
            unavailable("the verifier could not be loaded", e);
            return null;
        }
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(RepositoryModeler.LAKEHOUSE_REPOSITORY, Mirrors.LAKEHOUSE_TABLE);
    }

    @Override
    public Set<String> getSupportedOptions() {
        // Gradle reads its incremental category here (the processor is registered as "dynamic").
        return Set.of(VERIFY_OPTION, found == null ? GRADLE_ISOLATING : GRADLE_AGGREGATING);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            List<TypeElement> repositories = collector.collect(round);
            if (!repositories.isEmpty() && verifier() != null) {
                addTables(round);
                if (!classPathSchemaAdded) {
                    classPathSchemaAdded = true;
                    addClassPathSchema(); // after this compilation's tables, which win over a stale copy
                }
            }
            for (TypeElement repository : repositories) {
                Problems problems = new Problems();
                Optional<RepositoryDef> model = modeler.model(repository, problems);
                problems.printTo(processingEnv.getMessager());
                if (model.isPresent()) {
                    write(repository, model.get());
                    verify(repository, model.get());
                }
            }
            if (round.processingOver()) {
                finish();
            }
        } catch (RuntimeException e) {
            TablePipeline.internalError(processingEnv.getMessager(), null, e);
        }
        return false;
    }

    private void write(TypeElement repository, RepositoryDef model) {
        try {
            TypeSpec spec = generator.typeSpec(model).toBuilder()
                    .addOriginatingElement(repository)
                    .build();
            JavaFile file = generator.javaFile(model, spec);
            file.writeTo(processingEnv.getFiler());
        } catch (IOException | RuntimeException e) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR,
                            Message.INTERNAL_ERROR.format(
                                    repository.getQualifiedName(), "cannot write " + model.generated() + ": " + e, ""),
                            repository);
        }
    }

    // ---- verification -----------------------------------------------------------------------------------

    /** The session, opened on first use; null without a verifier, when disabled, or after a failure. */
    private QueryVerifier.Session verifier() {
        if (verifierLooked) {
            return session;
        }
        verifierLooked = true;
        if (found == null) {
            return null;
        }
        try {
            Map<String, String> options = new TreeMap<>();
            processingEnv.getOptions().forEach((k, v) -> {
                if (k.startsWith("lakeside.")) {
                    options.put(k, v);
                }
            });
            session = found.open(options);
        } catch (Exception | ServiceConfigurationError | LinkageError e) {
            unavailable("the verifier could not start", e);
        }
        return session;
    }

    /** The tables of the first {@code META-INF/lakeside/schema.sql} on the class path (a dependency's). */
    private void addClassPathSchema() {
        String text;
        try {
            text = processingEnv
                    .getFiler()
                    .getResource(StandardLocation.CLASS_PATH, "", "META-INF/lakeside/schema.sql")
                    .getCharContent(true)
                    .toString();
        } catch (IOException | IllegalArgumentException e) {
            return; // none on the class path
        }
        for (String statement : text.split(";\\s*\\n")) {
            String ddl = statement
                    .lines()
                    .filter(line -> !line.startsWith("--"))
                    .collect(Collectors.joining("\n"))
                    .strip();
            String prefix = "CREATE TABLE IF NOT EXISTS ";
            int open = ddl.indexOf(" (");
            if (ddl.startsWith(prefix) && open > prefix.length() && session != null) {
                String name = ddl.substring(prefix.length(), open);
                if (tablesAdded.add(name)) {
                    try {
                        session.addTable(name, ddl);
                    } catch (Exception | LinkageError e) {
                        unavailable(
                                "the verifier could not create table " + name + " of the class path's schema.sql", e);
                    }
                }
            }
        }
    }

    private void addTables(RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(Mirrors.LAKEHOUSE_TABLE);
        if (annotation == null) {
            return;
        }
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
            if (element instanceof TypeElement type) {
                tables.model(type, null).ifPresent(this::addTable);
            }
        }
    }

    private void addTable(TableDef table) {
        if (session == null || !tablesAdded.add(table.qualifiedName())) {
            return;
        }
        try {
            session.addTable(table.qualifiedName(), DdlGenerator.ddl(table));
        } catch (Exception | LinkageError e) {
            unavailable("the verifier could not create table " + table.qualifiedName(), e);
        }
    }

    private void verify(TypeElement repository, RepositoryDef model) {
        QueryVerifier.Session verifier = verifier();
        long checks =
                model.methods().stream().filter(m -> m.query().isPresent()).count();
        if (verifier == null) {
            unverified += (int) checks;
            return;
        }
        addTable(model.table());
        for (MethodDef method : model.methods()) {
            if (method.query().isEmpty() || session == null) {
                continue;
            }
            CheckedQuery query = method.query().get();
            List<Finding> findings;
            try {
                findings = session.verify(query);
            } catch (Exception | LinkageError e) {
                unavailable("the verifier failed on " + query.method(), e);
                return;
            }
            ExecutableElement element = method.element();
            for (Finding finding : findings) {
                report(element, finding);
            }
        }
    }

    private void report(ExecutableElement method, Finding finding) {
        Diagnostic.Kind kind =
                finding.severity() == Finding.Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
        String text = "[" + finding.code() + "] " + finding.message();
        Optional<AnnotationMirror> query =
                method == null ? Optional.empty() : Mirrors.find(method, RepositoryModeler.QUERY);
        if (method == null) {
            processingEnv.getMessager().printMessage(kind, text);
        } else if (finding.onQueryValue() && query.isPresent()) {
            var value = Mirrors.explicitValue(query.get(), "value");
            if (value != null) {
                processingEnv.getMessager().printMessage(kind, text, method, query.get(), value);
            } else {
                processingEnv.getMessager().printMessage(kind, text, method, query.get());
            }
        } else {
            processingEnv.getMessager().printMessage(kind, text, method);
        }
    }

    private void unavailable(String what, Throwable e) {
        if (!verifierBroken) {
            verifierBroken = true;
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.WARNING,
                            Message.VERIFICATION_UNAVAILABLE.format(
                                    "this compilation",
                                    what,
                                    e.toString(),
                                    "check the verifier's platform support, or turn it off with " + "-A" + VERIFY_OPTION
                                            + "=false"));
        }
        closeSession();
    }

    private void finish() {
        closeSession();
        if (unverified > 0 && !verifierBroken && verifying()) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, Message.VERIFIER_ABSENT.format(unverified));
        }
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException | LinkageError e) {
                // Closing failed after every check ran: nothing left to verify or report.
            }
            session = null;
        }
    }
}
