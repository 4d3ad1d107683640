package dev.fleet.github;

import java.util.List;

/**
 * A repository's or organization's webhook as GitHub reports it: where it delivers, whether it is on, and which
 * events it sends. Its secret GitHub never hands back.
 */
public record Webhook(long id, String url, boolean active, List<String> events, String contentType,
                      boolean verifiesTls) {
    public Webhook {
        events = List.copyOf(events);
    }
}
