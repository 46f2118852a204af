package io.dataconnector.camel.component.auth;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemKeysTest {

    @TempDir
    Path dir;

    @Test
    void readsAPkcs8RsaKey() throws Exception {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, "some comment\n" + TestKeys.pem("PRIVATE KEY", TestKeys.RSA.getPrivate().getEncoded()));
        PrivateKey key = PemKeys.readPrivateKey(file);
        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key.getEncoded()).isEqualTo(TestKeys.RSA.getPrivate().getEncoded());
    }

    @Test
    void pkcs1KeyGivesTheConversionCommand() throws Exception {
        Path file = dir.resolve("rsa.pem");
        // the body is irrelevant: the header decides
        Files.writeString(file, TestKeys.pem("RSA PRIVATE KEY", new byte[] { 1, 2, 3 }));
        assertThatThrownBy(() -> PemKeys.readPrivateKey(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("PKCS#1")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void nonRsaPkcs8KeyIsRejectedNamingTheFile() throws Exception {
        KeyPair ec = TestKeys.generate("EC", 256);
        Path file = dir.resolve("ec.pem");
        Files.writeString(file, TestKeys.pem("PRIVATE KEY", ec.getPrivate().getEncoded()));
        assertThatThrownBy(() -> PemKeys.readPrivateKey(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("PKCS#8 RSA");
    }

    @Test
    void encryptedAndForeignFormatsAreRejected() throws Exception {
        Path enc = dir.resolve("enc.pem");
        Files.writeString(enc, TestKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] { 1 }));
        assertThatThrownBy(() -> PemKeys.readPrivateKey(enc)).hasMessageContaining("encrypted")
                .hasMessageContaining("enc.pem");
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "hello");
        assertThatThrownBy(() -> PemKeys.readPrivateKey(junk)).hasMessageContaining("junk.pem")
                .hasMessageContaining("BEGIN PRIVATE KEY");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> PemKeys.readPrivateKey(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.pem");
    }

    @Test
    void errorsNeverContainTheKeyMaterial() throws Exception {
        KeyPair ec = TestKeys.generate("EC", 256);
        String pem = TestKeys.pem("PRIVATE KEY", ec.getPrivate().getEncoded());
        String body = pem.split("\n")[1];
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(pem, "inline")).hasMessageNotContaining(body);
    }
}
