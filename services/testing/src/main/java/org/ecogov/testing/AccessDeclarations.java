package org.ecogov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * The every-operation access check: walks every operation of every spec in {@code api-specs/} that a module
 * implements, to the method implementing it, and lists each operation whose method declares no access rule
 * ({@code @org.ecogov.runtime.access.Access}) or names one the service does not define. A forgotten declaration is
 * then a failing test, not a silent leak.
 * <p>
 * Which specs a module implements is read from its classes: the generated JAX-RS interfaces (a class-level
 * {@code @Path}) name their methods after the spec's operationIds, so a new service's spec is covered as soon as
 * its module runs the check, without a list to keep. Every operation of a spec the module implements must be
 * implemented here, or it is listed too.
 */
public final class AccessDeclarations {

    private static final String ACCESS = "org.ecogov.runtime.access.Access";

    private AccessDeclarations() {
    }

    /**
     * What is wrong, operation by operation ({@code spec#operationId -> why}); empty when every operation of every
     * spec the module implements declares a rule of {@code rules}.
     *
     * @param classes the module's compiled classes (e.g. {@code services/registry/target/classes})
     * @param rules the names of the service's access rules
     */
    public static Map<String, String> undeclared(Path classes, Set<String> rules) {
        Map<String, Method> implementations = implementations(classes);
        Map<String, String> problems = new TreeMap<>();
        for (Map.Entry<String, OpenAPI> spec : specs().entrySet()) {
            List<String> operations = new ArrayList<>();
            spec.getValue().getPaths().values()
                    .forEach(item -> item.readOperations().forEach(op -> operations.add(op.getOperationId())));
            if (ownOperations(spec.getValue()).stream().noneMatch(implementations::containsKey)) {
                continue; // another module's spec
            }
            for (String operation : operations) {
                String where = spec.getKey() + "#" + operation;
                Method method = implementations.get(operation);
                if (method == null) {
                    problems.put(where, "no method of this module implements it");
                    continue;
                }
                String rule = rule(method);
                if (rule == null) {
                    problems.put(where, method.getDeclaringClass().getSimpleName() + "." + method.getName()
                            + " declares no access rule (@Access)");
                } else if (!rules.contains(rule)) {
                    problems.put(where, method.getDeclaringClass().getSimpleName() + "." + method.getName()
                            + " names the access rule " + rule + ", which the service does not define");
                }
            }
        }
        return problems;
    }

    /** The specs this module implements, by file name (for a test to say which it covered). */
    public static Set<String> implementedSpecs(Path classes) {
        Map<String, Method> implementations = implementations(classes);
        Set<String> implemented = new java.util.TreeSet<>();
        specs().forEach((file, api) -> {
            if (ownOperations(api).stream().anyMatch(implementations::containsKey)) {
                implemented.add(file);
            }
        });
        return implemented;
    }

    /**
     * The operations only this spec has: not the shared ones every party mounts (common/audit.yaml's, marked
     * {@code x-ecogov-per-service}), whose operationIds are the same in every spec and so tell nothing about which
     * spec a module implements.
     */
    private static List<String> ownOperations(OpenAPI spec) {
        List<String> own = new ArrayList<>();
        spec.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            if (op.getExtensions() == null || !Boolean.TRUE.equals(op.getExtensions().get("x-ecogov-per-service"))) {
                own.add(op.getOperationId());
            }
        }));
        return own;
    }

    /**
     * Every OpenAPI spec of api-specs/: the top-level YAML files that open with {@code openapi:} (common/ holds only
     * shared parts; the lint configuration and any AsyncAPI document are no REST contract).
     */
    static Map<String, OpenAPI> specs() {
        Map<String, OpenAPI> specs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Contracts.root().resolve("api-specs"))) {
            files.filter(file -> file.getFileName().toString().endsWith(".yaml") && isOpenApi(file)).sorted()
                    .forEach(file -> specs.put(file.getFileName().toString(), Contracts.spec(file.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return specs;
    }

    private static boolean isOpenApi(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank() && !line.startsWith("#")).findFirst()
                    .map(line -> line.startsWith("openapi:")).orElse(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** operationId -> the concrete method implementing the generated interface method of that name. */
    private static Map<String, Method> implementations(Path classes) {
        Map<String, Method> found = new LinkedHashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                for (Class<?> api : type.getInterfaces()) {
                    if (java.util.Arrays.stream(api.getAnnotations())
                            .noneMatch(a -> a.annotationType().getName().equals("jakarta.ws.rs.Path"))) {
                        continue;
                    }
                    for (Method declared : api.getMethods()) {
                        try {
                            found.put(declared.getName(), type.getMethod(declared.getName(), declared.getParameterTypes()));
                        } catch (NoSuchMethodException e) {
                            // abstract in an abstract class; not reached for a concrete class
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String rule(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().getName().equals(ACCESS)) {
                try {
                    return (String) annotation.annotationType().getMethod("value").invoke(annotation);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
