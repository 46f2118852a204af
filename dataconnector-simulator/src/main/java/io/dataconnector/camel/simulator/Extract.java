package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The files of one job's data extract, listed in name order (as the real API lists them). */
final class Extract {

    record Entry(String name, Instant createdAt, ContentSource content) {
    }

    private final Map<String, Entry> files = new TreeMap<>();

    void put(String name, Instant createdAt, ContentSource content) {
        files.put(name, new Entry(name, createdAt, content));
    }

    Entry get(String name) {
        return files.get(name);
    }

    List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(files.values()));
    }

    List<ExtractFileInfo> listing() {
        return files.values().stream().map(e -> new ExtractFileInfo(e.name(), e.createdAt(), e.content().size()))
                .toList();
    }
}
