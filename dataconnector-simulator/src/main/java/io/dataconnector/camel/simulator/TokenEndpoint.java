package io.dataconnector.camel.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** POST /authentication/v2/token: decodes the form and answers with {@link TokenService}'s result. */
final class TokenEndpoint {

    private final TokenService tokens;

    TokenEndpoint(TokenService tokens) {
        this.tokens = tokens;
    }

    HttpReply answer(String formBody, Map<String, List<String>> headers) {
        Map<String, String> form = new LinkedHashMap<>();
        QueryStrings.parse(formBody).forEach((k, v) -> form.put(k, v.get(0)));
        List<String> auth = headers.get("Authorization");
        TokenService.Result r = tokens.token(form, auth == null ? null : auth.get(0));
        return HttpReply.json(r.status(), r.body(), Map.of("Cache-Control", "no-store"));
    }
}
