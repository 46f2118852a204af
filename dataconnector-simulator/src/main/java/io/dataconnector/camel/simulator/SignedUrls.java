package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.SimState.JobState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out S3-style pre-signed URLs for extract files (served by {@link StorageHandler}) and remembers what each
 * one grants and until when.
 */
final class SignedUrls {

    static final String STORAGE_PREFIX = "/storage/";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** What one signed URL grants. */
    record Grant(String token, String jobId, String name, Instant expiresAt, String signature) {
    }

    private final SimulatorSettings settings;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private volatile String baseUrl;

    SignedUrls(SimulatorSettings settings) {
        this.settings = settings;
    }

    /** The scheme, host and port the URLs point at; known once the server is bound. */
    void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The grant of a URL's token, or null. */
    Grant grant(String token) {
        return grants.get(token);
    }

    /**
     * {@code baseUrl/storage/<token>/<name>?AWSAccessKeyId=ASIA...&Expires=...&Signature=...&x-amz-security-token=...},
     * valid for the configured TTL from {@code now}.
     */
    String sign(JobState j, String name, Instant now) {
        String token = OpaqueTokens.next(18);
        String signature = Base64.getEncoder().encodeToString(OpaqueTokens.randomBytes(20));
        String securityToken = Base64.getEncoder().encodeToString(OpaqueTokens.randomBytes(96));
        Instant expires = now.plus(settings.signedUrlTtl);
        grants.put(token, new Grant(token, j.id, name, expires, signature));
        StringBuilder key = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            key.append(KEY_ALPHABET.charAt(OpaqueTokens.randomInt(KEY_ALPHABET.length())));
        }
        long expSeconds = (expires.toEpochMilli() + 999) / 1000;
        return baseUrl + STORAGE_PREFIX + token + "/" + encodePathSegment(name)
                + "?AWSAccessKeyId=" + key
                + "&Expires=" + expSeconds
                + "&Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8)
                + "&x-amz-security-token=" + URLEncoder.encode(securityToken, StandardCharsets.UTF_8);
    }

    private static String encodePathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
