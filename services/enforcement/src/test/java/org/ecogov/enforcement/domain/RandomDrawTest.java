package org.ecogov.enforcement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The random draw: reproducible from its seed whatever order its inputs come in, and honouring always-include. */
class RandomDrawTest {

    private static final Set<String> POOL = IntStream.range(0, 40).mapToObj(i -> String.format("91341702%09dX", i))
            .collect(Collectors.toCollection(TreeSet::new));
    private static final Set<String> INSPECTORS = Set.of("inspector.li", "inspector.wang", "inspector.zhao",
            "inspector.chen");
    private static final BigDecimal TWENTY_PERCENT = new BigDecimal("0.20");

    @Test
    void theSameSeedGivesTheSameAssignmentWhateverTheOrderOfTheInputs() {
        Set<String> always = Set.of(first(POOL, 3), first(POOL, 17));
        RandomDraw one = RandomDraw.draw(20261130L, POOL, always, TWENTY_PERCENT, INSPECTORS);
        List<String> reversedPool = new java.util.ArrayList<>(POOL);
        java.util.Collections.reverse(reversedPool);
        RandomDraw two = RandomDraw.draw(20261130L, new LinkedHashSet<>(reversedPool), new HashSet<>(always),
                TWENTY_PERCENT, new LinkedHashSet<>(List.of("inspector.zhao", "inspector.chen", "inspector.wang",
                        "inspector.li")));
        assertThat(two).isEqualTo(one);
        assertThat(List.copyOf(two.targets().entrySet())).isEqualTo(List.copyOf(one.targets().entrySet()));
    }

    @Test
    void anotherSeedGivesAnotherDraw() {
        RandomDraw one = RandomDraw.draw(1L, POOL, Set.of(), TWENTY_PERCENT, INSPECTORS);
        RandomDraw two = RandomDraw.draw(2L, POOL, Set.of(), TWENTY_PERCENT, INSPECTORS);
        assertThat(two.targets().keySet()).isNotEqualTo(one.targets().keySet());
    }

    @Test
    void theRatioDecidesHowManyAndAlwaysIncludedAreAmongThem() {
        Set<String> always = Set.of(first(POOL, 0), first(POOL, 39), "91341702999999999X");
        for (long seed = 0; seed < 50; seed++) {
            RandomDraw draw = RandomDraw.draw(seed, POOL, always, TWENTY_PERCENT, INSPECTORS);
            // ceil(0.20 × 40) = 8, two of them by rule (the third is not in the pool)
            assertThat(draw.targets()).hasSize(8);
            assertThat(draw.targets()).containsKeys(first(POOL, 0), first(POOL, 39));
            assertThat(draw.targets()).doesNotContainKey("91341702999999999X");
            assertThat(draw.alwaysIncluded()).containsExactly(first(POOL, 0), first(POOL, 39));
            assertThat(POOL).containsAll(draw.targets().keySet());
        }
    }

    @Test
    void moreAlwaysIncludedThanTheRatioAsksAreAllInspected() {
        Set<String> always = POOL.stream().limit(12).collect(Collectors.toSet());
        RandomDraw draw = RandomDraw.draw(7L, POOL, always, new BigDecimal("0.10"), INSPECTORS);
        assertThat(draw.targets().keySet()).containsExactlyInAnyOrderElementsOf(always);
    }

    @Test
    void eachTargetGoesToAPairAndThePairsShareTheWork() {
        RandomDraw draw = RandomDraw.draw(42L, POOL, Set.of(), new BigDecimal("0.50"), INSPECTORS);
        Map<List<String>, Long> load = draw.targets().values().stream()
                .collect(Collectors.groupingBy(pair -> pair, Collectors.counting()));
        assertThat(load).hasSize(2);
        assertThat(load.values()).containsOnly(10L);
        Set<String> everyone = draw.targets().values().stream().flatMap(List::stream).collect(Collectors.toSet());
        assertThat(everyone).isEqualTo(INSPECTORS);
    }

    /**
     * Pinned: the same answer as the README's description re-implemented independently (in Python, from the README
     * and java.util.Random's documented generator alone) gave. A change to the algorithm changes this, and must then
     * be a new ALGORITHM_VERSION.
     */
    @Test
    void aKnownSeedGivesAKnownDraw() {
        RandomDraw draw = RandomDraw.draw(12345L, POOL, Set.of(), new BigDecimal("0.10"), INSPECTORS);
        assertThat(List.copyOf(draw.targets().entrySet())).containsExactly(
                Map.entry("91341702000000003X", List.of("inspector.wang", "inspector.zhao")),
                Map.entry("91341702000000002X", List.of("inspector.chen", "inspector.li")),
                Map.entry("91341702000000019X", List.of("inspector.wang", "inspector.zhao")),
                Map.entry("91341702000000034X", List.of("inspector.chen", "inspector.li")));
    }

    @Test
    void inspectorsArePaired() {
        assertThatThrownBy(() -> RandomDraw.draw(1L, POOL, Set.of(), TWENTY_PERCENT, Set.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomDraw.draw(1L, POOL, Set.of(), BigDecimal.ZERO, INSPECTORS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String first(Set<String> sorted, int index) {
        return sorted.stream().skip(index).findFirst().orElseThrow();
    }
}
