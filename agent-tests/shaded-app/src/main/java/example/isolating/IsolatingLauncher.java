package example.isolating;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Starts an app the way an app server starts a deployment: in a class loader of its own whose parent is the
 * platform loader, so neither the app nor its AWS SDK is visible to the system class loader, and the system
 * loader's classes (the agent's among them) are not visible to the app. Prints nothing itself.
 * Arguments: the app's jar, its main class, then the app's arguments.
 */
public final class IsolatingLauncher {

    private IsolatingLauncher() {
    }

    public static void main(String[] args) throws Exception {
        URL appJar = Paths.get(args[0]).toUri().toURL();
        try (URLClassLoader deployment = new URLClassLoader("deployment", new URL[] {appJar},
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(deployment);
            Method main = Class.forName(args[1], true, deployment).getMethod("main", String[].class);
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        }
    }
}
