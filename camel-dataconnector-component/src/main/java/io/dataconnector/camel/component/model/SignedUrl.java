package io.dataconnector.camel.component.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A short-lived signed URL to one extract file ({@code jobs/:jobId/data/:name}). The URL carries its credentials in
 * its query string, so {@link #toString()} never shows it: use {@link #getSignedUrl()} to download, and
 * {@link #redact(String)} to log a URL.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SignedUrl {

    private String name;

    private Long size;

    private String signedUrl;

    public SignedUrl() {
    }

    public SignedUrl(String name, Long size, String signedUrl) {
        this.name = name;
        this.size = size;
        this.signedUrl = signedUrl;
    }

    /** @return the file name */
    public String getName() {
        return name;
    }

    /** @param name the file name */
    public void setName(String name) {
        this.name = name;
    }

    /** @return the size in bytes (read from a number or a numeric string) */
    public Long getSize() {
        return size;
    }

    /** @param size the size in bytes */
    public void setSize(Long size) {
        this.size = size;
    }

    /** @return the full signed URL, credentials included: never log it, use {@link #redact(String)} */
    public String getSignedUrl() {
        return signedUrl;
    }

    /** @param signedUrl the full signed URL */
    public void setSignedUrl(String signedUrl) {
        this.signedUrl = signedUrl;
    }

    /**
     * Removes what can carry credentials from a URL: the query string and fragment (replaced by {@code ?…}), and any
     * user-info.
     *
     * @return the redacted URL, or {@code null} for {@code null}
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = url;
        int cut = indexOfAny(s, '?', '#');
        boolean hadQuery = cut >= 0;
        if (hadQuery) {
            s = s.substring(0, cut);
        }
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            int hostStart = scheme + 3;
            int pathStart = s.indexOf('/', hostStart);
            int authorityEnd = pathStart < 0 ? s.length() : pathStart;
            int at = s.lastIndexOf('@', authorityEnd - 1);
            if (at >= hostStart) {
                s = s.substring(0, hostStart) + "***@" + s.substring(at + 1);
            }
        }
        return hadQuery ? s + "?…" : s;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        if (j < 0) {
            return i;
        }
        return Math.min(i, j);
    }

    @Override
    public String toString() {
        return "SignedUrl[name=" + name + ", size=" + size + ", signedUrl=" + redact(signedUrl) + "]";
    }
}
