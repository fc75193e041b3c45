package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.NameAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The member names of one generated class, allocated so they never collide: the
 * pre-encoded JSON field names and one reader/writer method per nested record.
 */
final class MemberNames {
    private final NameAllocator fields = new NameAllocator();
    private final NameAllocator methods = new NameAllocator();
    private final Map<String, String> constants = new LinkedHashMap<>();
    private final Map<ClassName, String> structs = new LinkedHashMap<>();

    MemberNames(List<String> reservedFields, List<String> reservedMethods) {
        reservedFields.forEach(name -> fields.newName(name, "reserved:" + name));
        reservedMethods.forEach(name -> methods.newName(name, "reserved:" + name));
    }

    /** The {@code FieldName} constant holding {@code jsonName}; one per distinct name. */
    String constant(String jsonName) {
        return constants.computeIfAbsent(jsonName, n -> fields.newName(Naming.constantName(n), "json:" + n));
    }

    /** Registers every nested record reachable from {@code type}, depth first. */
    void collectStructs(ValueType type) {
        if (type instanceof ValueType.StructType s) {
            if (!structs.containsKey(s.type())) {
                String suffix = String.join("", s.type().simpleNames());
                structs.put(s.type(), suffix);
                methods.newName("write" + suffix, "write:" + s.type());
                methods.newName("read" + suffix, "read:" + s.type());
                s.fields().forEach(f -> collectStructs(f.type()));
            }
        } else if (type instanceof ValueType.ListType l) {
            collectStructs(l.element());
        } else if (type instanceof ValueType.MapType m) {
            collectStructs(m.value());
        }
    }

    String structWriter(ClassName type) {
        return methods.get("write:" + type);
    }

    String structReader(ClassName type) {
        return methods.get("read:" + type);
    }

    /** The nested records, in first-encounter order. */
    List<ValueType.StructType> structs(List<ValueType> roots) {
        List<ValueType.StructType> out = new ArrayList<>();
        roots.forEach(root -> addStructs(root, out));
        return out;
    }

    private static void addStructs(ValueType type, List<ValueType.StructType> out) {
        if (type instanceof ValueType.StructType s) {
            if (out.stream().noneMatch(o -> o.type().equals(s.type()))) {
                out.add(s);
                s.fields().forEach(f -> addStructs(f.type(), out));
            }
        } else if (type instanceof ValueType.ListType l) {
            addStructs(l.element(), out);
        } else if (type instanceof ValueType.MapType m) {
            addStructs(m.value(), out);
        }
    }

    /** The {@code FieldName} constants, in first-use order. */
    List<FieldSpec> constantFields() {
        List<FieldSpec> out = new ArrayList<>();
        constants.forEach((json, name) -> out.add(
                FieldSpec.builder(RuntimeNames.FIELD_NAME, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("new $T($S)", RuntimeNames.FIELD_NAME, json)
                        .build()));
        return out;
    }
}
