package dev.fleet.lifecycle;

import java.util.ArrayList;
import java.util.List;

/** The calls the fakes saw, in order, across Azure, the installer and GitHub: for asserting what happened first. */
public final class Events {
    private final List<String> events = new ArrayList<>();

    synchronized void add(String event) {
        events.add(event);
    }

    public synchronized List<String> all() {
        return List.copyOf(events);
    }

    synchronized int indexOf(String event) {
        return events.indexOf(event);
    }
}
