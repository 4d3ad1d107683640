package dev.fleet.lifecycle.azure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What an {@link ArmRequestListener} was told, in order: each status, or "no answer". */
final class ToldRequests implements ArmRequestListener {
    final List<String> told = new CopyOnWriteArrayList<>();

    @Override
    public void answered(int status) {
        told.add(Integer.toString(status));
    }

    @Override
    public void unanswered() {
        told.add("no answer");
    }
}
