package io.dataconnector.camel.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A throw-away RSA key pair and self-signed certificate for 127.0.0.1 and localhost, for serving the simulator over
 * HTTPS in tests and the sandbox. It is made by the JDK's own {@code keytool}, so no crypto library is needed.
 * <pre>{@code
 * SelfSignedCertificate cert = SelfSignedCertificate.generate(tempDir);
 * DataConnectorSimulator sim = DataConnectorSimulator.builder().https(cert.serverContext()).build().start();
 * HttpClient client = HttpClient.newBuilder().sslContext(cert.clientContext()).build();
 * }</pre>
 */
public final class SelfSignedCertificate {

    public static final String ALIAS = "dataconnector-simulator";
    static final String KEY_STORE_FILE = "simulator.p12";
    static final String CERTIFICATE_FILE = "simulator.crt";
    private static final String PASSWORD_ENV = "DC_SIM_STOREPASS";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

    private final Path keyStoreFile;
    private final Path certificateFile;
    private final char[] password;
    private final KeyStore keyStore;
    private final X509Certificate certificate;

    private SelfSignedCertificate(Path keyStoreFile, Path certificateFile, char[] password, KeyStore keyStore,
                                  X509Certificate certificate) {
        this.keyStoreFile = keyStoreFile;
        this.certificateFile = certificateFile;
        this.password = password;
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    /**
     * Writes {@code simulator.p12} (PKCS12: key and certificate, random password) and {@code simulator.crt} (the
     * certificate, PEM) into {@code dir}, which must exist.
     */
    public static SelfSignedCertificate generate(Path dir) {
        Path p12 = dir.resolve(KEY_STORE_FILE);
        String password = OpaqueTokens.next(18);
        runKeytool(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650", "-dname", "CN=localhost, O=dataconnector-simulator",
                "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass:env", PASSWORD_ENV);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, password.toCharArray());
            }
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            Path pem = dir.resolve(CERTIFICATE_FILE);
            Files.writeString(pem, pem(cert), StandardCharsets.US_ASCII);
            return new SelfSignedCertificate(p12, pem, password.toCharArray(), ks, cert);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the generated key store " + p12, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the generated key store " + p12, e);
        }
    }

    /** The password goes through the environment, so that it does not show in the process list. */
    private static void runKeytool(String password, String... args) {
        List<String> command = new ArrayList<>();
        command.add(keytool().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(PASSWORD_ENV, password);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (exit " + p.exitValue() + "): " + output.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }

    private static Path keytool() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path exe = bin.resolve("keytool.exe");
        return Files.isRegularFile(exe) ? exe : bin.resolve("keytool");
    }

    private static String pem(X509Certificate cert) throws GeneralSecurityException {
        Base64.Encoder enc = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN CERTIFICATE-----\n" + enc.encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The PKCS12 file with the private key and the certificate. */
    public Path keyStoreFile() {
        return keyStoreFile;
    }

    /** The certificate in PEM (e.g. for {@code curl --cacert}). */
    public Path certificateFile() {
        return certificateFile;
    }

    /** The password of the key store and of its key (a copy). */
    public char[] password() {
        return password.clone();
    }

    /** The loaded key store (key entry {@link #ALIAS}). */
    public KeyStore keyStore() {
        return keyStore;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A trust store holding only this certificate. */
    public KeyStore trustStore() {
        return TlsContexts.trustStore(ALIAS, certificate);
    }

    /** For {@link DataConnectorSimulator.Builder#https(SSLContext)}. */
    public SSLContext serverContext() {
        return TlsContexts.server(keyStore, password);
    }

    /** For clients: trusts this certificate only (not the JDK's default CAs). */
    public SSLContext clientContext() {
        return TlsContexts.client(trustStore());
    }
}
