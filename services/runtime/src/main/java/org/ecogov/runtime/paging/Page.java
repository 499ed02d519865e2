package org.ecogov.runtime.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list: the items and the cursor of the next page, if any. */
public record Page<T>(List<T> items, String next, int limit) {

    /**
     * Builds the page from a query that fetched up to {@code limit + 1} rows: the extra row only
     * tells that there is a next page.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null, limit);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, PageCursor.encode(key.apply(items.get(limit - 1))), limit);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next, limit);
    }
}
