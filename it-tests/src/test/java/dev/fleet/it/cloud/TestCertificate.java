package dev.fleet.it.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for {@code IP:127.0.0.1}, made at test time by the JDK's keytool: the fake ARM serves it,
 * and fleet, in this JVM or in a subprocess, trusts it and nothing else. OkHttp checks an IP host against the
 * certificate's IP SANs, so the SAN is what lets HTTPS on loopback pass without a custom hostname verifier.
 */
public final class TestCertificate {
    private static final String PASSWORD = "fleet-harness";
    private static final String ALIAS = "fake-arm";

    private static TestCertificate shared;

    private final Path keyStore;
    private final Path trustStore;

    private TestCertificate(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /**
     * One certificate for every fake cloud of this JVM, made on first use in a temp folder that goes when the JVM
     * exits: keytool takes about a second, and a fake cloud starts for every test.
     */
    public static synchronized TestCertificate shared() throws IOException, InterruptedException {
        if (shared == null) {
            Path folder = Files.createTempDirectory("fleet-test-certificate");
            folder.toFile().deleteOnExit();
            shared = create(folder);
            shared.keyStore.toFile().deleteOnExit();
            shared.trustStore.toFile().deleteOnExit();
        }
        return shared;
    }

    /** Makes the key pair and certificate in {@code folder}: a key store for the server, a trust store for clients. */
    private static TestCertificate create(Path folder) throws IOException, InterruptedException {
        Path keyStore = folder.resolve("fake-arm-key.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        Path trustStore = folder.resolve("fake-arm-trust.p12");
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, load(keyStore).getCertificate(ALIAS));
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trusted.store(out, PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store", e);
        }
        return new TestCertificate(keyStore, trustStore);
    }

    Path keyStore() {
        return keyStore;
    }

    String password() {
        return PASSWORD;
    }

    /** The options that make a JVM trust this certificate, and only it, for HTTPS. */
    public List<String> jvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    }

    /** A TLS context trusting this certificate alone, for clients in this JVM. */
    public SSLContext sslContext() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trustManager()}, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(load(trustStore));
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
