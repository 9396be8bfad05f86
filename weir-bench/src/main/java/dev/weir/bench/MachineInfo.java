package dev.weir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** One line about the machine and the moment, for the reports: CPU, cores, load, RAM, OS, JVM, date. */
final class MachineInfo {
    private MachineInfo() {
    }

    static String describe() {
        String cpu = firstMatch(Path.of("/proc/cpuinfo"), "model name");
        String load = read(Path.of("/proc/loadavg"));
        String mem = firstMatch(Path.of("/proc/meminfo"), "MemTotal");
        StringBuilder b = new StringBuilder();
        b.append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC)));
        b.append("; ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs");
        if (cpu != null) {
            b.append(" (").append(cpu).append(')');
        }
        if (mem != null) {
            try {
                long kb = Long.parseLong(mem.replaceAll("[^0-9]", ""));
                b.append(", ").append(Math.round(kb / 1024.0 / 1024.0)).append(" GiB RAM");
            } catch (NumberFormatException e) {
                // leave RAM out
            }
        }
        if (load != null) {
            String[] f = load.trim().split("\\s+");
            b.append(", load average ").append(f[0]).append(' ').append(f[1]).append(' ').append(f[2]);
        }
        b.append("; ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"));
        b.append("; Java ").append(System.getProperty("java.vm.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append(')');
        return b.toString();
    }

    private static String firstMatch(Path file, String key) {
        String text = read(file);
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                int colon = line.indexOf(':');
                return colon < 0 ? null : line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
