package dev.fleet.github;

import java.net.URI;

/**
 * The runner package for one platform.
 *
 * @param sha256 the published SHA-256 of the file, or null when GitHub gives none (older GHES)
 */
public record RunnerDownload(String os, String architecture, URI url, String filename, String sha256) {
}
