package io.ferstream.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can reach a Docker engine; probed once per JVM, never throws. */
public final class DockerAvailability {

    private static volatile DockerAvailability result;

    private final boolean available;
    private final String reason;

    private DockerAvailability(boolean available, String reason) {
        this.available = available;
        this.reason = reason;
    }

    /** The (cached) result of probing Testcontainers' Docker client strategies. */
    public static DockerAvailability check() {
        DockerAvailability r = result;
        if (r == null) {
            synchronized (DockerAvailability.class) {
                r = result;
                if (r == null) {
                    r = probe();
                    result = r;
                }
            }
        }
        return r;
    }

    /** True when a Docker engine answered. */
    public boolean available() {
        return available;
    }

    /** Why Docker is not usable ("" when it is). */
    public String reason() {
        return reason;
    }

    private static DockerAvailability probe() {
        try {
            // client() runs Testcontainers' strategies; the first failure carries the most telling message
            DockerClientFactory.instance().client();
            return new DockerAvailability(true, "");
        } catch (Throwable t) {
            String why = t.getMessage() == null ? t.toString() : firstLine(t.getMessage());
            return new DockerAvailability(false, why + hint());
        }
    }

    private static String hint() {
        String dockerHost = System.getenv("DOCKER_HOST");
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"));
        return " (DOCKER_HOST " + (dockerHost == null || dockerHost.isBlank() ? "unset" : "=" + dockerHost)
                + ", /var/run/docker.sock " + (socket ? "present" : "absent") + ")";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    @Override
    public String toString() {
        return available ? "Docker available" : "Docker engine not available: " + reason;
    }
}
