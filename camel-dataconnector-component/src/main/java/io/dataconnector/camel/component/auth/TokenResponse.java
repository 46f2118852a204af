package io.dataconnector.camel.component.auth;

/**
 * The token endpoint's answer. Its {@link #toString()} hides both tokens.
 *
 * @param accessToken  the bearer token
 * @param tokenType    normally {@code Bearer}
 * @param expiresIn    the lifetime of the access token in seconds
 * @param refreshToken the rotated refresh token (null for grants that issue none)
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {

    @Override
    public String toString() {
        return "TokenResponse[accessToken=***, tokenType=" + tokenType + ", expiresIn=" + expiresIn
               + ", refreshToken=" + (refreshToken == null ? "null" : "***") + "]";
    }
}
