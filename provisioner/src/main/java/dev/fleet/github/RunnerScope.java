package dev.fleet.github;

import java.util.regex.Pattern;

/**
 * Where runners register: a repository ({@code owner/name}) or an organization. The names are validated so they can
 * be put into a URL path as they are.
 */
public record RunnerScope(Kind kind, String owner, String repo) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public enum Kind { REPOSITORY, ORGANIZATION }

    public RunnerScope {
        requireName(owner, "owner");
        if ((kind == Kind.REPOSITORY) != (repo != null)) {
            throw new IllegalArgumentException("a repository scope needs a repository name, an organization none");
        }
        if (repo != null) {
            requireName(repo, "repository");
        }
    }

    public static RunnerScope repository(String ownerSlashName) {
        int slash = ownerSlashName.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a repository is owner/name (got " + ownerSlashName + ")");
        }
        return new RunnerScope(Kind.REPOSITORY, ownerSlashName.substring(0, slash), ownerSlashName.substring(slash + 1));
    }

    public static RunnerScope organization(String org) {
        return new RunnerScope(Kind.ORGANIZATION, org, null);
    }

    /** A scope as {@link #toString} writes it: {@code owner/repo}, or an organization's name. */
    public static RunnerScope parse(String scope) {
        return scope.contains("/") ? repository(scope) : organization(scope);
    }

    /** {@code /repos/{owner}/{repo}} or {@code /orgs/{org}}: the prefix of the scope's REST paths. */
    String apiPath() {
        return kind == Kind.REPOSITORY ? "/repos/" + owner + "/" + repo : "/orgs/" + owner;
    }

    @Override
    public String toString() {
        return kind == Kind.REPOSITORY ? owner + "/" + repo : owner;
    }

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a GitHub " + what + " name: " + name);
        }
    }
}
