import { AccessSection } from "./config/AccessSection";
import { QuickRepliesSection } from "./config/QuickRepliesSection";
import { ServicesSection } from "./config/ServicesSection";
import { SettingsSection } from "./config/SettingsSection";

/** Configuration › Messagerie: services and themes, who reads what, quick replies, limits and SMS. */
export function MessagingConfigPage() {
  return (
    <>
      <ServicesSection />
      <AccessSection />
      <QuickRepliesSection />
      <SettingsSection />
    </>
  );
}
