package org.peerdesk.app.tests;

import java.io.IOException;
import java.nio.file.Path;

import org.peerdesk.testing.PluginJar;

/**
 * A plugin bundle that adds one view to the desktop's activity stack (below the main views) by a model fragment, as
 * the example scratchpad plugin does, and an action on conversations, as the example polls plugin does. It holds no
 * classes: its part is this test bundle's {@link PluginView}, its handler {@link PluginAction}, so a test makes the jar
 * on the spot.
 */
final class ViewPlugin {

    static final String PART = "org.example.view.part";
    static final String LABEL = "Example";
    static final String ACTION = "Example action";

    private static final String FRAGMENT = """
            <?xml version="1.0" encoding="ASCII"?>
            <fragment:ModelFragments xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xmlns:basic="http://www.eclipse.org/ui/2010/UIModel/application/ui/basic" \
            xmlns:commands="http://www.eclipse.org/ui/2010/UIModel/application/commands" \
            xmlns:fragment="http://www.eclipse.org/ui/2010/UIModel/fragment" xmi:id="_example_fragments">
              <fragments xsi:type="fragment:StringModelFragment" xmi:id="_example_fragment" featurename="children" \
            parentElementId="org.peerdesk.app.partstack.activity">
                <elements xsi:type="basic:Part" xmi:id="_example_part" elementId="%s" \
            contributionURI="bundleclass://org.peerdesk.app/%s" label="%s"/>
              </fragments>
              <fragments xsi:type="fragment:StringModelFragment" xmi:id="_example_commands" featurename="commands" \
            parentElementId="org.peerdesk.app.application">
                <elements xsi:type="commands:Command" xmi:id="_example_command" elementId="org.example.view.command" commandName="%s">
                  <tags>peerdesk:conversation-action</tags>
                  <parameters xmi:id="_example_parameter" elementId="org.peerdesk.conversation" name="conversation" optional="false"/>
                </elements>
              </fragments>
              <fragments xsi:type="fragment:StringModelFragment" xmi:id="_example_handlers" featurename="handlers" \
            parentElementId="org.peerdesk.app.application">
                <elements xsi:type="commands:Handler" xmi:id="_example_handler" elementId="org.example.view.handler" \
            contributionURI="bundleclass://org.peerdesk.app/%s" command="_example_command"/>
              </fragments>
            </fragment:ModelFragments>
            """.formatted(PART, PluginView.class.getName(), LABEL, ACTION, PluginAction.class.getName());

    private ViewPlugin() {
    }

    /** Writes the bundle at {@code version} to {@code jar}, whole or not at all (the node watches its plugins folder for jars). */
    static Path write(Path jar, String version) throws IOException {
        return new PluginJar("org.example.view;singleton:=true", version).header("Model-Fragment", "fragment.e4xmi")
                .entry("fragment.e4xmi", FRAGMENT).writeTo(jar);
    }
}
