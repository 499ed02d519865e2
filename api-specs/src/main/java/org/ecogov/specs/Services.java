package org.ecogov.specs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service names given on a command line. An argument may hold several names separated by spaces or commas,
 * or name a service list file ({@code .../services.yaml}, {@link ServiceList}), which stands for the services it
 * lists: the build passes the repository's list and then {@code gateway}.
 */
final class Services {

    /** A service name is also a file name ({@code <name>.yaml}) and a folder name in the bundles. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** Where the combined document is written, next to the bundles; no service may take the name. */
    static final String COMBINED = "combined";

    private Services() {
    }

    /** The names in the arguments, in order; fails on an empty list, a malformed name or a repeated one. */
    static List<String> names(List<String> arguments) {
        Set<String> names = new LinkedHashSet<>();
        List<String> given = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.trim().endsWith(".yaml")) {
                ServiceList.read(java.nio.file.Path.of(argument.trim())).forEach(service -> given.add(service.name()));
            } else {
                given.add(argument);
            }
        }
        for (String argument : given) {
            for (String name : argument.trim().split("[\\s,]+")) {
                if (name.isEmpty()) {
                    continue;
                }
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("'" + name + "' is not a service name (" + NAME + ")");
                }
                if (name.equals(COMBINED)) {
                    throw new IllegalArgumentException("'" + COMBINED + "' is where the combined document goes, not a service");
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("service '" + name + "' is listed twice");
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no service given");
        }
        return new ArrayList<>(names);
    }
}
