package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** Reads PEM private keys with the JDK only. */
public final class PemKeys {

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private PemKeys() {
    }

    /**
     * Reads an unencrypted PKCS#8 PEM RSA private key ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not an unencrypted PKCS#8 RSA key; the message names the file and,
     *                                  for a PKCS#1 key, how to convert it
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "private key file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("Private key file " + file + " is not a PEM text file"
                                               + " (expected -----BEGIN PRIVATE KEY-----)");
        }
        return parsePrivateKey(pem, file.toString());
    }

    /**
     * Parses an unencrypted PKCS#8 PEM RSA private key.
     *
     * @param source how to name the key's origin in error messages (e.g. a file name)
     */
    public static PrivateKey parsePrivateKey(String pem, String source) {
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new IllegalArgumentException("Private key " + source + " is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY);"
                                               + " convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in "
                                               + source + " -out key-pkcs8.pem");
        }
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("Private key " + source + " is encrypted; decrypt it to an unencrypted"
                                               + " PKCS#8 key with: openssl pkcs8 -topk8 -nocrypt -in " + source
                                               + " -out key-pkcs8.pem");
        }
        if (pem.contains("-----BEGIN EC PRIVATE KEY-----") || pem.contains("-----BEGIN OPENSSH PRIVATE KEY-----")) {
            throw new IllegalArgumentException("Private key " + source + " is not an RSA key in PKCS#8 PEM format"
                                               + " (expected -----BEGIN PRIVATE KEY----- holding an RSA key)");
        }
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("Private key " + source + " is not a PKCS#8 PEM key: expected a"
                                               + " -----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY----- block"
                                               + " (convert with: openssl pkcs8 -topk8 -nocrypt)");
        }
        String base64 = pem.substring(begin + PKCS8_BEGIN.length(), end).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Private key " + source + " has an invalid base64 body");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Private key " + source + " is not a PKCS#8 RSA private key ("
                                               + e.getClass().getSimpleName() + "); a service account key must be"
                                               + " RSA, PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }
}
