package dev.fleet.github;

/** Memory first, then disk; a disk hit is copied to memory so the file is read once per process. */
final class TwoLevelResponseCache implements ResponseCache {
    private final ResponseCache memory;
    private final ResponseCache disk;

    TwoLevelResponseCache(ResponseCache memory, ResponseCache disk) {
        this.memory = memory;
        this.disk = disk;
    }

    @Override
    public CachedPage get(String key) {
        CachedPage page = memory.get(key);
        if (page == null) {
            page = disk.get(key);
            if (page != null) {
                memory.put(key, page);
            }
        }
        return page;
    }

    @Override
    public void put(String key, CachedPage page) {
        memory.put(key, page);
        disk.put(key, page);
    }

    @Override
    public void remove(String key) {
        memory.remove(key);
        disk.remove(key);
    }
}
