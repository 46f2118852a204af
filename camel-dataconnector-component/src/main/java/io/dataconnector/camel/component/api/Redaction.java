package io.dataconnector.camel.component.api;

import java.net.URI;

/** Renders URLs and texts for logs and messages without their secret parts. */
public final class Redaction {

    private Redaction() {
    }

    /** A URL without its query string (a signed URL's credentials live there). */
    public static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?<redacted>";
    }

    public static String withoutQuery(URI uri) {
        return uri == null ? null : withoutQuery(uri.toString());
    }

    /** Removes every occurrence of the given secrets from a text that may echo them (e.g. an error body). */
    public static String scrub(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                result = result.replace(secret, "<redacted>");
            }
        }
        return result;
    }
}
