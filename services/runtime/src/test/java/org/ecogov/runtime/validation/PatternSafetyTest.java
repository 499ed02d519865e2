package org.ecogov.runtime.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.validation.AdversarialInputs.Probe;
import org.ecogov.runtime.validation.SpecTexts.TextRule;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.defs.PatternDef;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every pattern of every spec, attacked (issue 9: one 60,000-character name held the registry for 10 s). For each
 * patterned string, with inputs built to make a backtracking matcher work hardest ({@link AdversarialInputs}):
 * <ul>
 * <li>the pattern as java.util.regex runs it reads each character a bounded number of times: linear, counted
 * exactly ({@link CountingText}), not timed (the event schemas' patterns too);</li>
 * <li>a string one character over its maximum length, and one as long as the largest body a service takes, is
 * refused by the path a service's request takes, {@link TextLengths} and then bean validation, without the pattern
 * reading a single character (counted: the text allows no read at all), so its cost does not grow with the text;</li>
 * <li>at its maximum length, where the pattern does run, it reads each character a bounded number of times.</li>
 * </ul>
 * Bean validation is Hibernate Validator, given each rule's {@code @Pattern} and {@code @Size} as the generated code
 * carries them (here through its programmatic mapping, on a holder's property and on a method parameter).
 */
class PatternSafetyTest {

    /** Character reads per character of input that a linear pattern stays under, on every input tried. */
    private static final int READS_PER_CHARACTER = 16;

    private static List<TextRule> rules;
    private static long bodyLimit;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** One validator per rule (building one takes a while), shared by the tests. */
    private static final Map<TextRule, ValidatorFactory> factories = new ConcurrentHashMap<>();

    @BeforeAll
    static void readTheSpecs() {
        rules = SpecTexts.rules();
        bodyLimit = SpecTexts.largestBodyLimit();
    }

    @AfterAll
    static void close() {
        factories.values().forEach(ValidatorFactory::close);
    }

    @Test
    void everyPatternOfEverySpecIsAmongTheRulesTested() {
        Set<String> tested = new TreeSet<>();
        rules.forEach(rule -> tested.add(rule.pattern()));
        assertThat(SpecTexts.patternsAsWritten()).isNotEmpty().allSatisfy(pattern -> assertThat(tested).contains(pattern));
        assertThat(SpecTexts.specFiles()).contains("api-specs/registry.yaml", "api-specs/gateway.yaml",
                "api-specs/common/common.yaml", "api-specs/common/dead-letters.yaml", "deploy/event-probe/event-probe.yaml");
    }

    @Test
    void everyPatternedStringHasAMaximumLength() {
        assertThat(rules).as("a pattern without maxLength cannot be spared an over-long string")
                .allSatisfy(rule -> assertThat(rule.maxLength()).as(rule.where()).isNotNull());
    }

    @Test
    void everyPatternReadsEachCharacterABoundedNumberOfTimes() {
        Set<String> patterns = new java.util.LinkedHashSet<>();
        rules.forEach(rule -> patterns.add(rule.pattern()));
        patterns.addAll(SpecTexts.eventSchemaPatterns());
        List<String> superLinear = new ArrayList<>();
        for (String regex : patterns) {
            Pattern pattern = Pattern.compile(regex);
            for (Probe probe : AdversarialInputs.of(pattern)) {
                for (int length : new int[] { 1_000, 8_000 }) {
                    long reads = reads(length, probe, text -> pattern.matcher(text).matches());
                    if (reads < 0 || reads > (long) READS_PER_CHARACTER * length) {
                        superLinear.add(regex + " on " + probe + " of " + length + ": "
                                + (reads < 0 ? "over budget" : reads + " reads"));
                        break;
                    }
                }
            }
        }
        assertThat(superLinear).isEmpty();
    }

    @Test
    void anOverLongBodyStringIsRefusedBeforeItsPatternReadsIt() {
        assertRefusedUnread(rule -> {
            ValidatorFactory validation = validation(rule);
            TextLengths lengths = new TextLengths(validation, MAPPER);
            return text -> {
                List<FieldViolation> tooLong = lengths.ofBody(new Holder(text));
                return !tooLong.isEmpty() || !validation.getValidator().validate(new Holder(text)).isEmpty();
            };
        });
    }

    @Test
    void anOverLongParameterIsRefusedBeforeItsPatternReadsIt() {
        assertRefusedUnread(rule -> {
            ValidatorFactory validation = validation(rule);
            TextLengths lengths = new TextLengths(validation, MAPPER);
            return text -> {
                List<FieldViolation> tooLong = lengths.ofParameters(Holder.class, Holder.FIND,
                        List.of(new TextLengths.ParameterText(0, "value", List.of(text))));
                return !tooLong.isEmpty() || !validation.getValidator().forExecutables()
                        .validateParameters(new Holder(null), Holder.FIND, new Object[] { text }).isEmpty();
            };
        });
    }

    @Test
    void atItsMaximumLengthAnAdversarialStringIsJudgedInLinearTime() {
        List<String> slow = new ArrayList<>();
        for (TextRule rule : rules) {
            ValidatorFactory validation = validation(rule);
            TextLengths lengths = new TextLengths(validation, MAPPER);
            Pattern pattern = Pattern.compile(rule.pattern());
            for (Probe probe : AdversarialInputs.of(pattern)) {
                int length = rule.maxLength();
                if (!probe.fits(length)) {
                    continue;
                }
                long reads = reads(length, probe, text -> {
                    Set<ConstraintViolation<Holder>> violations = lengths.ofBody(new Holder(text)).isEmpty()
                            ? validation.getValidator().validate(new Holder(text)) : Set.of();
                    return violations.isEmpty();
                });
                if (reads < 0 || reads > (long) READS_PER_CHARACTER * length + 64) {
                    slow.add(rule.where() + " on " + probe + ": " + (reads < 0 ? "over budget" : reads + " reads"));
                }
            }
        }
        assertThat(slow).isEmpty();
    }

    /**
     * For every rule and every adversarial input at one character over the maximum and at the largest body a service
     * takes: refused, and not a character read (the text's budget is zero, so any read throws). Counted rather than
     * timed, so that a busy machine cannot fail it and a slow path cannot pass it.
     */
    private void assertRefusedUnread(Function<TextRule, Function<CharSequence, Boolean>> refusalPath) {
        List<String> failures = new ArrayList<>();
        for (TextRule rule : rules) {
            Function<CharSequence, Boolean> refuses = refusalPath.apply(rule);
            for (Probe probe : AdversarialInputs.of(Pattern.compile(rule.pattern()))) {
                for (long length : new long[] { rule.maxLength() + 1L, bodyLimit }) {
                    if (!probe.fits((int) length)) {
                        continue;
                    }
                    CountingText text = probe.text((int) length, 0);
                    try {
                        if (!refuses.apply(text)) {
                            failures.add(rule.where() + " on " + text + ": accepted");
                        } else if (text.reads() != 0) {
                            failures.add(rule.where() + " on " + text + ": " + text.reads() + " characters read");
                        }
                    } catch (RuntimeException e) {
                        failures.add(rule.where() + " on " + text + ": the pattern read it (" + e + ")");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Characters the check read of a text of this length made from the probe, or -1 past a generous budget. */
    private static long reads(int length, Probe probe, Function<CharSequence, ?> check) {
        CountingText text = probe.text(length, (long) READS_PER_CHARACTER * 4 * length + 4096);
        try {
            check.apply(text);
        } catch (CountingText.BudgetExceeded e) {
            return -1;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof CountingText.BudgetExceeded || e.getCause() instanceof StackOverflowError) {
                return -1;
            }
            throw e;
        }
        return text.reads();
    }

    /** Hibernate Validator with the rule on Holder.value and on Holder.find's parameter, as generated code has it. */
    private static ValidatorFactory validation(TextRule rule) {
        return factories.computeIfAbsent(rule, PatternSafetyTest::newValidation);
    }

    private static ValidatorFactory newValidation(TextRule rule) {
        HibernateValidatorConfiguration configuration = Validation.byProvider(HibernateValidator.class).configure();
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.type(Holder.class)
                .getter("value").constraint(pattern(rule)).constraint(size(rule))
                .method("find", CharSequence.class).parameter(0).constraint(pattern(rule)).constraint(size(rule));
        return configuration.addMapping(mapping).buildValidatorFactory();
    }

    private static PatternDef pattern(TextRule rule) {
        return new PatternDef().regexp(rule.pattern());
    }

    private static SizeDef size(TextRule rule) {
        SizeDef size = new SizeDef();
        if (rule.minLength() != null) {
            size.min(rule.minLength());
        }
        if (rule.maxLength() != null) {
            size.max(rule.maxLength());
        }
        return size;
    }

    /** Where the rules are put: a body's property and a parameter. */
    public static class Holder {
        static final Method FIND;

        static {
            try {
                FIND = Holder.class.getMethod("find", CharSequence.class);
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final CharSequence value;

        public Holder(CharSequence value) {
            this.value = value;
        }

        public CharSequence getValue() {
            return value;
        }

        public void find(CharSequence value) {
            // a parameter to validate
        }
    }
}
