package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the shaded jar carries. The parent pom leaves libraries out that no command uses; a new dependency that brings
 * one back fails here, by name, rather than growing the jar unseen.
 */
class ShadedJarIT {

    /** Each left-out library, by what the jar would hold if it came back. */
    private static final Map<String, Predicate<String>> LEFT_OUT = Map.of(
            "azure-resourcemanager-msi", startsWith("com/azure/resourcemanager/msi/"),
            "azure-resourcemanager-storage", startsWith("com/azure/resourcemanager/storage/"),
            "azure-resourcemanager-authorization", startsWith("com/azure/resourcemanager/authorization/"),
            "msal4j-persistence-extension", startsWith("com/microsoft/aad/msal4jextensions/"),
            "jna-platform", startsWith("com/sun/jna/platform/"),
            "jcl-over-slf4j", startsWith("org/apache/commons/logging/"),
            "okio's multiplatform root (Kotlin metadata only)", entry -> entry.endsWith(".kotlin_metadata"),
            "azure-core-http-netty and Netty", startsWith("com/azure/core/http/netty/").or(startsWith("io/netty/")));

    @Test
    void leavesOutTheLibrariesNoCommandUses() throws IOException {
        List<String> entries = entries();
        Map<String, List<String>> back = LEFT_OUT.entrySet().stream()
                .map(library -> Map.entry(library.getKey(), entries.stream().filter(library.getValue()).toList()))
                .filter(library -> !library.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, library -> library.getValue().subList(0, 1)));
        assertThat(back).as("left-out libraries back in the jar, with an entry of each").isEmpty();
    }

    /*
     * msal4j signs in for azure.credential environment and managed-identity. The default chain asks
     * com.sun.jna.Platform for the OS outside any catch (its IntelliJ and PowerShell credentials): without JNA it ends
     * in a NoClassDefFoundError before it gets to az.
     */
    @Test
    void keepsWhatTheCredentialKindsRunOn() throws IOException {
        assertThat(entries()).contains("com/microsoft/aad/msal4j/ConfidentialClientApplication.class",
                "com/microsoft/aad/msal4j/ManagedIdentityApplication.class", "com/sun/jna/Platform.class");
    }

    private static List<String> entries() throws IOException {
        try (JarFile jar = new JarFile(FleetProcess.JAR.toFile())) {
            return jar.stream().map(entry -> entry.getName()).toList();
        }
    }

    private static Predicate<String> startsWith(String prefix) {
        return entry -> entry.startsWith(prefix);
    }
}
