package io.dataconnector.camel.component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.dataconnector.camel.component.model.DataRequest;

/**
 * The callback URL to put in a data request so that the API's completion POST reaches a
 * {@code dataconnector:callback} consumer: {@code <publicBaseUrl><path>?secret=<secret>}. The URL holds the secret:
 * keep it out of logs and tickets.
 */
public final class CallbackUrl {

    private CallbackUrl() {
    }

    /**
     * @param publicBaseUrl how the API reaches the receiver, e.g. {@code https://etl.example.com} (a trailing slash is
     *                      dropped)
     * @param path          the consumer's path option, e.g. {@code /dataconnector/callback}
     * @param secret        the consumer's secret option
     */
    public static String of(String publicBaseUrl, String path, String secret) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        return base + DataConnectorCallbackConsumer.path(path) + "?" + CallbackRequestProcessor.SECRET_PARAMETER + "="
               + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }

    /** Sets {@link #of} as the request's callback URL, e.g. on a recurring request before createRequest. */
    public static DataRequest applyTo(DataRequest request, String publicBaseUrl, String path, String secret) {
        request.setCallbackUrl(of(publicBaseUrl, path, secret));
        return request;
    }
}
