package org.imageguard.config;

/**
 * A number of bytes as ops write it: {@code 512KB}, {@code 256MB}, {@code 1GB}, or a plain byte count. Units are
 * binary (1KB = 1024 bytes), as in nginx.
 */
public record DataSize(long bytes) implements Comparable<DataSize> {

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKilobytes(long kb) {
        return new DataSize(Math.multiplyExact(kb, 1024L));
    }

    public static DataSize ofMegabytes(long mb) {
        return new DataSize(Math.multiplyExact(mb, 1024L * 1024));
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** The shortest exact form, the one {@code check-config} prints back. */
    @Override
    public String toString() {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        long value = bytes;
        int unit = 0;
        while (value != 0 && value % 1024 == 0 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}
