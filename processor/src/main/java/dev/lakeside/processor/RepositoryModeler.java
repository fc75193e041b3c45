package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import dev.lakeside.duckdb.GeneratedNames;
import dev.lakeside.processor.RepositoryDef.MethodDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds the {@link RepositoryDef} of a {@code @LakehouseRepository} interface: resolves every
 * method, derived finder or {@code @Query}, entirely at compile time, or reports why it cannot
 * (LS200–LS225, on the method, parameter or annotation value). {@link InterfaceChecks} checks the
 * interface, {@link FinderModeler} (with {@link FinderPredicate}) and {@link QueryModeler} model its
 * methods, {@link ResultShapes} what they return.
 */
final class RepositoryModeler {
    static final String LAKEHOUSE_REPOSITORY = "dev.lakeside.annotations.LakehouseRepository";
    static final String QUERY = "dev.lakeside.annotations.Query";
    static final String CACHED = "dev.lakeside.annotations.Cached";
    static final String SKIP_VERIFICATION = "dev.lakeside.annotations.SkipVerification";

    private final Types types;
    private final Elements elements;
    private final InterfaceChecks checks;
    private final TablePipeline tables = new TablePipeline();

    RepositoryModeler(ProcessingEnvironment environment) {
        this.types = environment.getTypeUtils();
        this.elements = environment.getElementUtils();
        this.checks = new InterfaceChecks(types, elements);
    }

    /** The model, or empty with the reasons in {@code problems}. */
    Optional<RepositoryDef> model(TypeElement repository, Problems problems) {
        Optional<TypeElement> entity = checks.entity(repository, problems);
        if (entity.isEmpty()) {
            return Optional.empty();
        }
        Optional<TableDef> table = tables.model(entity.get(), null);
        if (table.isEmpty()) {
            return Optional.empty(); // the table processor reports the record's problems
        }
        ClassName name = ClassName.get(repository);
        ClassName generated = generatedClass(name);
        RepositoryScope scope =
                new RepositoryScope(types, elements, repository, name, generated, entity.get(), table.get(), problems);
        ResultShapes shapes = new ResultShapes(scope);
        FinderModeler finders = new FinderModeler(scope, shapes);
        QueryModeler queries = new QueryModeler(scope, shapes);
        List<MethodDef> methods = new ArrayList<>();
        for (ExecutableElement method : checks.abstractMethods(repository)) {
            method(scope, finders, queries, method).ifPresent(methods::add);
        }
        if (problems.hasErrors()) {
            return Optional.empty();
        }
        List<String> memberTypes = elements.getAllMembers(repository).stream()
                .filter(e -> e instanceof TypeElement)
                .map(e -> e.getSimpleName().toString())
                .distinct()
                .sorted()
                .toList();
        return Optional.of(new RepositoryDef(
                name, generated, table.get(), methods, Mirrors.has(repository, SKIP_VERIFICATION), memberTypes));
    }

    /** {@code com.example.Outer.Views} → {@code com.example.Outer_ViewsImpl}. */
    static ClassName generatedClass(ClassName repository) {
        return ClassName.get(
                repository.packageName(),
                GeneratedNames.simpleName(repository.simpleNames(), GeneratedNames.REPOSITORY_SUFFIX));
    }

    private Optional<MethodDef> method(
            RepositoryScope scope, FinderModeler finders, QueryModeler queries, ExecutableElement method) {
        DeclaredType repository = (DeclaredType) scope.repository.asType();
        ExecutableType type = (ExecutableType) types.asMemberOf(repository, method);
        if (!checks.implementable(scope, method)) {
            return Optional.empty();
        }
        Optional<AnnotationMirror> query = Mirrors.find(method, QUERY);
        MethodSpec signature = MethodSpec.overriding(method, repository, types).build();
        return query.isPresent()
                ? queries.model(method, type, query.get(), signature)
                : finders.model(method, type, signature);
    }
}
