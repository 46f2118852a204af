package io.dataconnector.camel.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Packs {@code autodesk_data_extract.zip} and, for tests, breaks one. */
final class ExtractZip {

    private ExtractZip() {
    }

    /**
     * A ZIP of {@code entries} (ZIP entry name → content, in this order) followed by {@code extra} entries whose
     * names are not taken yet (e.g. hostile names a test adds); every entry dated {@code time}.
     */
    static byte[] pack(Map<String, byte[]> entries, Map<String, byte[]> extra, Instant time) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        try (ZipOutputStream zos = new ZipOutputStream(bos, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                names.add(e.getKey());
                put(zos, e.getKey(), e.getValue(), time);
            }
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                if (names.add(e.getKey())) {
                    put(zos, e.getKey(), e.getValue(), time);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    static void put(ZipOutputStream zos, String name, byte[] content, Instant time) throws IOException {
        ZipEntry ze = new ZipEntry(name);
        ze.setTime(time.toEpochMilli());
        zos.putNextEntry(ze);
        zos.write(content);
        zos.closeEntry();
    }

    /**
     * A copy of a ZIP whose first entry has a wrong CRC-32, in its data descriptor (when present), its local
     * header (when set) and the central directory. {@link java.util.zip.ZipInputStream} then fails on that entry.
     */
    static byte[] corruptFirstCrc(byte[] zip) {
        byte[] z = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = z.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            z[z.length / 2] ^= 0x5A;
            return z;
        }
        int cd = b.getInt(eocd + 16);
        if (b.getInt(cd) != 0x02014b50) {
            return z;
        }
        int crc = b.getInt(cd + 16);
        int csize = b.getInt(cd + 20);
        int flags = b.getShort(cd + 8) & 0xffff;
        int lho = b.getInt(cd + 42);
        int bad = ~crc;
        b.putInt(cd + 16, bad);
        if (b.getInt(lho + 14) != 0) {
            b.putInt(lho + 14, bad);
        }
        if ((flags & 0x08) != 0) {
            int nameLen = b.getShort(lho + 26) & 0xffff;
            int extraLen = b.getShort(lho + 28) & 0xffff;
            int dd = lho + 30 + nameLen + extraLen + csize;
            if (b.getInt(dd) == 0x08074b50) {
                b.putInt(dd + 4, bad);
            } else {
                b.putInt(dd, bad);
            }
        }
        return z;
    }
}
