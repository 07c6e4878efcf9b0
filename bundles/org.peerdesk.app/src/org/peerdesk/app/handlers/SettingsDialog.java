package org.peerdesk.app.handlers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.descriptor.basic.MPartDescriptor;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.WidgetIds;

/**
 * The node's settings, one tab per contributed {@link SettingsSection}, in the order of their titles
 * (tabs, so that the dialog fits a small screen however many sections there are). OK applies every
 * section; a section that refuses a value says why, is shown, and the dialog stays open.
 */
final class SettingsDialog extends Dialog {

    private static final String BUNDLE_CLASS = "bundleclass://";

    private record Made(TabItem tab, SettingsSection section, IEclipseContext context) {
    }

    private final MApplication application;
    private final List<Made> sections = new ArrayList<>();
    private Label status;

    SettingsDialog(Shell parent, MApplication application) {
        super(parent);
        this.application = application;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Settings");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 10).spacing(8, 10).applyTo(area);
        List<MPartDescriptor> contributed = application.getDescriptors().stream()
                .filter(descriptor -> descriptor.getTags().contains(SettingsSection.TAG))
                .sorted(Comparator.comparing(MPartDescriptor::getLabel)).toList();
        TabFolder tabs = WidgetIds.name(new TabFolder(area, SWT.TOP), "settings.tabs");
        // wide enough for the built-in sections' tabs side by side; a plugin's more scroll
        GridDataFactory.fillDefaults().grab(true, true).hint(640, SWT.DEFAULT).applyTo(tabs);
        for (MPartDescriptor descriptor : contributed) {
            TabItem tab = new TabItem(tabs, SWT.NONE);
            tab.setText(descriptor.getLabel());
            Composite page = WidgetIds.name(new Composite(tabs, SWT.NONE), "settings." + descriptor.getElementId());
            GridLayoutFactory.swtDefaults().margins(10, 10).spacing(6, 10).applyTo(page);
            tab.setControl(page);
            IEclipseContext context = application.getContext().createChild("settings " + descriptor.getElementId());
            context.set(Composite.class, page);
            try {
                if (make(descriptor.getContributionURI(), context) instanceof SettingsSection section) {
                    sections.add(new Made(tab, section, context));
                    continue;
                }
                SettingsRows.note(page, "This section could not be shown: " + descriptor.getContributionURI() + " is no SettingsSection.");
            } catch (ClassNotFoundException | RuntimeException e) { // a plugin's section that fails costs its tab, not the dialog
                SettingsRows.note(page, "This section could not be shown: " + e.getMessage());
            }
            context.dispose();
        }
        status = StatusLabels.create(area, "settings.status");
        return area;
    }

    /** Makes the class a {@code bundleclass://BUNDLE/CLASS} address names, as the workbench makes parts, injected from {@code context}. */
    private static Object make(String address, IEclipseContext context) throws ClassNotFoundException {
        String path = address.startsWith(BUNDLE_CLASS) ? address.substring(BUNDLE_CLASS.length()) : "";
        int slash = path.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException(address + " is no " + BUNDLE_CLASS + "BUNDLE/CLASS address");
        }
        String name = path.substring(0, slash);
        Bundle bundle = Stream.of(FrameworkUtil.getBundle(SettingsDialog.class).getBundleContext().getBundles())
                .filter(candidate -> name.equals(candidate.getSymbolicName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundle " + name + " is installed"));
        return ContextInjectionFactory.make(bundle.loadClass(path.substring(slash + 1)), context);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, IDialogConstants.OK_LABEL, true), "settings.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        for (Made made : sections) {
            Optional<String> refused = made.section().apply();
            if (refused.isPresent()) {
                made.tab().getParent().setSelection(made.tab());
                status.setText(made.tab().getText() + ": " + refused.get());
                StatusLabels.fit(status);
                return;
            }
        }
        super.okPressed();
    }

    @Override
    public boolean close() {
        sections.forEach(made -> made.context().dispose());
        sections.clear();
        return super.close();
    }
}
