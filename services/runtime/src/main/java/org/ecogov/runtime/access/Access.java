package org.ecogov.runtime.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an operation, declared on the method that implements it: the name of one of the service's
 * {@link AccessRule}s (its {@link AccessRules} bean). {@link AccessFilter} enforces the rule's roles and key scopes
 * before the method runs; the rule's data scope is applied by the service when it loads the data
 * ({@link DataScope}).
 * <p>
 * Every operation of every spec carries one: services/testing's {@code AccessDeclarations} walks each spec's
 * operations to their implementing methods and fails on a method without it, so a forgotten check is a failing
 * build, not a silent leak. The resource class carries {@code @Authenticated} (what
 * {@code quarkus.security.jaxrs.deny-unannotated-endpoints} wants to see); the rule says the rest.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {

    /** The rule's name, e.g. {@code RegistryAccess.READ_ENTERPRISES}. */
    String value();
}
