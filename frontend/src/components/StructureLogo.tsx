import { useState } from "react";

interface StructureLogoProps {
  src: string | null;
  alt: string;
  className?: string;
}

/** The structure's logo; renders nothing when absent or broken. */
export function StructureLogo({ src, alt, className }: StructureLogoProps) {
  const [broken, setBroken] = useState(false);
  if (!src || broken) return null;
  return <img className={className} src={src} alt={alt} onError={() => setBroken(true)} />;
}
