package dev.fleet.github;

/** What a DELETE did. Only failures that need a human become a {@link GitHubException}. */
public enum DeleteOutcome {
    /** 204: gone now. */
    DELETED,
    /** 404: already gone, which is what the caller wanted. */
    NOT_FOUND,
    /** 422: GitHub refuses, e.g. a runner that is still running a job; try again once it is idle. */
    REFUSED_BUSY
}
