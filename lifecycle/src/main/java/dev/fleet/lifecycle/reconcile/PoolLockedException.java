package dev.fleet.lifecycle.reconcile;

/** Another fleet process (or another pass in this one) is reconciling the pool. The message says which and since when. */
final class PoolLockedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String pool;

    PoolLockedException(String pool, String message) {
        super(message);
        this.pool = pool;
    }

    public String pool() {
        return pool;
    }
}
