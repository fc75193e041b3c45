package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a {@code @LakehouseRepository} interface itself: an accessible interface without type
 * parameters whose {@code TableRepository<T>} names a {@code @LakehouseTable} record; which methods it
 * leaves to implement; and that each of those can be implemented at all.
 */
final class InterfaceChecks {
    private static final String TABLE_REPOSITORY = "dev.lakeside.repository.TableRepository";

    private final Types types;
    private final Elements elements;

    InterfaceChecks(Types types, Elements elements) {
        this.types = types;
        this.elements = elements;
    }

    /** The record of the interface's {@code TableRepository<T>}, or empty with the reason in {@code problems}. */
    Optional<TypeElement> entity(TypeElement repository, Problems problems) {
        if (repository.getKind() != ElementKind.INTERFACE) {
            problems.error(
                    repository,
                    Message.REPOSITORY_NOT_INTERFACE,
                    repository.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '),
                    repository.getSimpleName(),
                    repository.getSimpleName());
            return Optional.empty();
        }
        ClassName generated = RepositoryModeler.generatedClass(ClassName.get(repository));
        String inaccessible = inaccessible(repository);
        if (inaccessible != null) {
            problems.error(
                    repository,
                    Message.REPOSITORY_NOT_ACCESSIBLE,
                    repository.getQualifiedName(),
                    generated.simpleName(),
                    inaccessible,
                    inaccessible.startsWith("type parameters")
                            ? "remove the type parameters"
                            : "make it package-private or public");
            return Optional.empty();
        }
        DeclaredType base = findTableRepository(repository.asType());
        if (base == null || base.getTypeArguments().size() != 1) {
            problems.error(
                    repository,
                    Message.REPOSITORY_NO_TABLE,
                    repository.getQualifiedName(),
                    base == null ? "no TableRepository supertype" : "a raw TableRepository",
                    "extend TableRepository<YourRecord>");
            return Optional.empty();
        }
        TypeMirror entityType = base.getTypeArguments().get(0);
        if (entityType.getKind() != TypeKind.DECLARED
                || ((DeclaredType) entityType).asElement().getKind() != ElementKind.RECORD) {
            problems.error(
                    repository,
                    Message.REPOSITORY_NO_TABLE,
                    repository.getQualifiedName(),
                    "TableRepository<" + entityType + ">, which is not a record",
                    "use a @LakehouseTable record as T");
            return Optional.empty();
        }
        TypeElement entity = (TypeElement) ((DeclaredType) entityType).asElement();
        if (!Mirrors.has(entity, Mirrors.LAKEHOUSE_TABLE)) {
            problems.error(
                    repository,
                    Message.REPOSITORY_NO_TABLE,
                    repository.getQualifiedName(),
                    "TableRepository<" + entity.getSimpleName() + ">, and " + entity.getSimpleName()
                            + " is not annotated @LakehouseTable",
                    "annotate " + entity.getSimpleName() + " with @LakehouseTable");
            return Optional.empty();
        }
        return Optional.of(entity);
    }

    private static String inaccessible(TypeElement repository) {
        if (!repository.getTypeParameters().isEmpty()) {
            return "type parameters " + repository.getTypeParameters();
        }
        for (Element e = repository; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return "private " + t.getSimpleName();
            }
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                return "a local type";
            }
        }
        return null;
    }

    private DeclaredType findTableRepository(TypeMirror type) {
        for (TypeMirror supertype : types.directSupertypes(type)) {
            if (supertype instanceof DeclaredType declared) {
                if (((TypeElement) declared.asElement()).getQualifiedName().contentEquals(TABLE_REPOSITORY)) {
                    return declared;
                }
                DeclaredType found = findTableRepository(supertype);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * The methods still abstract in the repository type, in declaration order, the interface's own
     * first: a method overridden by a more specific one (abstract or default) is left out, and so are
     * {@code TableRepository}'s, which the runtime implements.
     */
    List<ExecutableElement> abstractMethods(TypeElement repository) {
        List<ExecutableElement> chosen = new ArrayList<>();
        List<ExecutableElement> shadowing = new ArrayList<>();
        collect(repository, repository, chosen, shadowing, new LinkedHashSet<>());
        return List.copyOf(chosen);
    }

    private void collect(
            TypeElement repository,
            TypeElement type,
            List<ExecutableElement> chosen,
            List<ExecutableElement> shadowing,
            Set<String> visited) {
        String qualified = type.getQualifiedName().toString();
        if (qualified.equals(TABLE_REPOSITORY) || qualified.equals("java.lang.Object") || !visited.add(qualified)) {
            return;
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (method.getModifiers().contains(Modifier.STATIC)
                    || method.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            boolean overridden = false;
            for (ExecutableElement more : shadowing) {
                if (elements.overrides(more, method, repository)) {
                    overridden = true;
                    break;
                }
            }
            if (overridden) {
                continue;
            }
            chosen.removeIf(less -> elements.overrides(method, less, repository));
            shadowing.add(method);
            if (method.getModifiers().contains(Modifier.ABSTRACT)) {
                chosen.add(method);
            }
        }
        for (TypeMirror parent : type.getInterfaces()) {
            collect(repository, (TypeElement) ((DeclaredType) parent).asElement(), chosen, shadowing, visited);
        }
    }

    /**
     * Whether {@code method} can be implemented whatever its kind: no re-declaration of a
     * {@code TableRepository} method or of {@code table()}, no type parameters, no varargs. Reports why not.
     */
    boolean implementable(RepositoryScope scope, ExecutableElement method) {
        Problems problems = scope.problems;
        String where = scope.where(method);
        if (overridesBase(scope.repository, method)) {
            problems.error(
                    method,
                    Message.METHOD_NOT_SUPPORTED,
                    where,
                    "a method that TableRepository does " + "not declare",
                    "a re-declaration of TableRepository." + method.getSimpleName() + "(…), which the "
                            + "runtime implements",
                    "remove it (to cache or filter rows, declare a finder with another name)");
            return false;
        }
        if (method.getSimpleName().contentEquals("table")
                && method.getParameters().isEmpty()) {
            problems.error(
                    method,
                    Message.METHOD_NOT_SUPPORTED,
                    where,
                    "a name the generated class can use",
                    "table(), which the generated class inherits from the runtime",
                    "rename it");
            return false;
        }
        if (!method.getTypeParameters().isEmpty()) {
            problems.error(
                    method,
                    Message.METHOD_NOT_SUPPORTED,
                    where,
                    "a method without type parameters",
                    "type parameters <"
                            + method.getTypeParameters().stream()
                                    .map(Object::toString)
                                    .collect(Collectors.joining(", "))
                            + ">",
                    "remove them; a repository method has fixed types");
            return false;
        }
        if (method.isVarArgs()) {
            problems.error(
                    method,
                    Message.METHOD_NOT_SUPPORTED,
                    where,
                    "fixed parameters",
                    "varargs",
                    "take a List or Collection instead");
            return false;
        }
        return true;
    }

    /** Whether {@code method} overrides one of {@code TableRepository}'s, which the runtime implements as final. */
    private boolean overridesBase(TypeElement repository, ExecutableElement method) {
        TypeElement base = elements.getTypeElement(TABLE_REPOSITORY);
        if (base == null) {
            return false;
        }
        for (ExecutableElement inherited : ElementFilter.methodsIn(base.getEnclosedElements())) {
            if (elements.overrides(method, inherited, repository)) {
                return true;
            }
        }
        return false;
    }
}
