package io.github.bedrockposthog.agent;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * Holds the interceptor (with its relocated Jackson) on top of the class loader
 * of one app's AWS SDK: the SDK, SLF4J and reactive-streams come from the parent, as they would for the {@code -all}
 * jar on the app's class path. Our own packages are looked up here first, so an older copy of bedrock-posthog
 * elsewhere in the app never mixes with ours. Nothing in this loader is visible to the app's loaders.
 */
final class InterceptorClassLoader extends URLClassLoader {

    private static final String OURS = "io.github.bedrockposthog.";
    private static final String OUR_RESOURCES = "io/github/bedrockposthog/";

    static {
        ClassLoader.registerAsParallelCapable();
    }

    InterceptorClassLoader(URL interceptorJar, ClassLoader sdkLoader) {
        super(new URL[] {interceptorJar}, sdkLoader);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(OURS)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> found = findLoadedClass(name);
            if (found == null) {
                try {
                    found = findClass(name);
                } catch (ClassNotFoundException notOurs) {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(found);
            }
            return found;
        }
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(OUR_RESOURCES)) {
            URL ours = findResource(name);
            if (ours != null) {
                return ours;
            }
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(OUR_RESOURCES) ? findResources(name) : super.getResources(name);
    }

    @Override
    public String toString() {
        return "bedrock-posthog agent loader on " + getParent();
    }
}
