package dev.fleet.it.cloud;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.AzureCliCredentialBuilder;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Signs in to ARM the way the fleet jar does with {@code azure.credential: cli}, then reads the subscription with a
 * default OkHttp client, as fleet's transport is, and prints the token's expiry and ARM's answer. Run as its own
 * process by {@link HarnessIT}: AzureCliCredential finds {@code az} on the PATH of the JVM it runs in, and the
 * default trust store comes from that JVM's options, neither of which a test can change for its own JVM.
 */
public final class ArmSignInProbe {
    private ArmSignInProbe() {
    }

    /** @param args the ARM base URL and the subscription id */
    public static void main(String[] args) throws IOException {
        AccessToken token = new AzureCliCredentialBuilder().build()
                .getTokenSync(new TokenRequestContext().addScopes("https://management.core.windows.net//.default"));
        Request request = new Request.Builder()
                .url(args[0] + "/subscriptions/" + args[1] + "?api-version=2022-12-01")
                .header("Authorization", "Bearer " + token.getToken())
                .build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            System.out.println(token.getExpiresAt().toInstant() + " " + response.code() + " " + response.body().string());
        }
    }
}
