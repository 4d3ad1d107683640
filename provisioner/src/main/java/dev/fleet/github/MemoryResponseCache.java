package dev.fleet.github;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** The first level: this process's answers, bounded by the bytes of their keys and bodies. */
final class MemoryResponseCache implements ResponseCache {
    private final Cache<String, CachedPage> pages;

    MemoryResponseCache(long maxBytes) {
        this.pages = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, CachedPage page) -> key.length() + page.body().length)
                .build();
    }

    @Override
    public CachedPage get(String key) {
        return pages.getIfPresent(key);
    }

    @Override
    public void put(String key, CachedPage page) {
        pages.put(key, page);
    }

    @Override
    public void remove(String key) {
        pages.invalidate(key);
    }
}
