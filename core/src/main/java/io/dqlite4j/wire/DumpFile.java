package io.dqlite4j.wire;

import java.util.Objects;

/**
 * One file of a DUMP answer: the database's main file or its WAL.
 *
 * @param name the file name ({@code db} or {@code db-wal})
 * @param content the file's bytes
 */
public record DumpFile(String name, byte[] content) {
    public DumpFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
        return name + "(" + content.length + " bytes)";
    }
}
