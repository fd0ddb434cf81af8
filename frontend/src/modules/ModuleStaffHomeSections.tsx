import { useEnabledModules } from "./useEnabledModules";

/** The back office home's sections contributed by the enabled modules. */
export function ModuleStaffHomeSections() {
  const modules = useEnabledModules();
  return (
    <>
      {modules.map(({ id, module: { StaffHomeSection } }) => (StaffHomeSection ? <StaffHomeSection key={id} /> : null))}
    </>
  );
}
