package org.ecogov.enforcement.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The draw of a random inspection plan ("double random, one public"): which enterprises of the pool are inspected
 * and which pair of inspectors inspects each, from a recorded seed, so that anyone holding the published inputs gets
 * the same assignment. The algorithm, step by step (services/enforcement/README.md, "The random draw", says the same
 * for re-implementers):
 * <ol>
 * <li>the pool and the inspectors are sorted (USCCs and usernames in ascending order of their UTF-16 code units);
 * <li>the always-included enterprises that are in the pool, sorted, are targets whatever the draw;
 * <li>the number of targets is {@code max(|always|, ceil(ratio × |pool|))}; the others are drawn from the rest of the
 *     pool (sorted): a Fisher-Yates shuffle of the rest with {@link Random} seeded with the seed (for i from
 *     size − 1 down to 1: j = nextInt(i + 1), swap i and j), then the first ones taken;
 * <li>the inspectors are shuffled the same way with the same generator, continuing, and paired in order: (0, 1),
 *     (2, 3), ... (an even number of inspectors, at least two);
 * <li>the targets, sorted, are shuffled the same way with the same generator, continuing, and the k-th (from 0) goes
 *     to pair k mod the number of pairs.
 * </ol>
 * {@link Random} is Java's linear congruential generator, specified to the bit in its Javadoc (seed scrambled with
 * 0x5DEECE66D, 48-bit state, {@code nextInt(bound)} by rejection), so it can be re-implemented in any language.
 *
 * @param targets each target (USCC) with its pair of inspectors, in the order of the final shuffle
 * @param alwaysIncluded the targets that were included by rule, not drawn
 */
public record RandomDraw(Map<String, List<String>> targets, List<String> alwaysIncluded) {

    /** A version of the algorithm, published with each draw; a change to any step above is a new version. */
    public static final int ALGORITHM_VERSION = 1;

    public static RandomDraw draw(long seed, Set<String> pool, Set<String> alwaysInclude, BigDecimal ratio,
            Set<String> inspectors) {
        if (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the sampling ratio lies in (0, 1]");
        }
        if (inspectors.size() < 2 || inspectors.size() % 2 != 0) {
            throw new IllegalArgumentException("the inspectors are paired: an even number, at least two");
        }
        List<String> sortedPool = new ArrayList<>(new TreeSet<>(pool));
        List<String> always = sortedPool.stream().filter(alwaysInclude::contains).toList();
        List<String> rest = new ArrayList<>(sortedPool.stream().filter(u -> !alwaysInclude.contains(u)).toList());
        int wanted = ratio.multiply(BigDecimal.valueOf(sortedPool.size())).setScale(0, RoundingMode.CEILING).intValueExact();
        int drawn = Math.max(0, Math.min(rest.size(), wanted - always.size()));

        Random random = new Random(seed);
        shuffle(rest, random);
        List<String> targets = new ArrayList<>(new TreeSet<>(always));
        targets.addAll(rest.subList(0, drawn));
        Collections.sort(targets);

        List<String> people = new ArrayList<>(new TreeSet<>(inspectors));
        shuffle(people, random);
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < people.size(); i += 2) {
            pairs.add(List.of(people.get(i), people.get(i + 1)));
        }

        shuffle(targets, random);
        Map<String, List<String>> assignment = new LinkedHashMap<>();
        for (int k = 0; k < targets.size(); k++) {
            assignment.put(targets.get(k), pairs.get(k % pairs.size()));
        }
        return new RandomDraw(assignment, always);
    }

    /** Fisher-Yates, from the end: for i from size − 1 down to 1, swap i with nextInt(i + 1). */
    private static void shuffle(List<String> list, Random random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }
}
