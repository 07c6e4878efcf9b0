package org.peerdesk.app.tests;

import java.util.Arrays;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The application context that Equinox gives the desktop product, read from the product's real
 * declaration in {@code plugin.xml}, so a test starts the workbench exactly as the launcher does.
 */
final class ProductContext implements IApplicationContext {

    private static final String PRODUCT = "org.peerdesk.app.desktop";

    private final IConfigurationElement product;

    ProductContext() {
        this.product = Arrays.stream(RegistryFactory.getRegistry()
                .getConfigurationElementsFor("org.eclipse.core.runtime.products"))
                .filter(element -> PRODUCT.equals(element.getDeclaringExtension().getUniqueIdentifier()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The product " + PRODUCT + " is not declared"));
    }

    @Override
    public Map<String, Object> getArguments() {
        return Map.of(APPLICATION_ARGS, new String[] {"-clearPersistedState"});
    }

    @Override
    public void applicationRunning() {
        // the test's own window is the sign of life; there is no splash screen to close
    }

    @Override
    public String getBrandingApplication() {
        return product.getAttribute("application");
    }

    @Override
    public String getBrandingName() {
        return product.getAttribute("name");
    }

    @Override
    public String getBrandingDescription() {
        return product.getAttribute("description");
    }

    @Override
    public String getBrandingId() {
        return PRODUCT;
    }

    @Override
    public String getBrandingProperty(String key) {
        return Arrays.stream(product.getChildren("property"))
                .filter(property -> key.equals(property.getAttribute("name")))
                .map(property -> property.getAttribute("value"))
                .findFirst()
                .orElse(null);
    }

    @Override
    public Bundle getBrandingBundle() {
        return FrameworkUtil.getBundle(ProductContext.class);
    }

    @Override
    public void setResult(Object result, IApplication application) {
        // not an asynchronous application
    }
}
