// The design system's building blocks. Every page uses these (and tokens.css), never ad-hoc styles.
import { Dialog as RadixDialog, DropdownMenu, Tooltip as RadixTooltip } from 'radix-ui';
import type { ButtonHTMLAttributes, ReactNode } from 'react';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'default' | 'primary' | 'danger' | 'ghost';
  size?: 'md' | 'sm';
  icon?: boolean;
};

export function Button({
  variant = 'default',
  size = 'md',
  icon,
  className,
  type = 'button',
  ...rest
}: ButtonProps) {
  const cls = [
    'btn',
    variant !== 'default' && `btn-${variant}`,
    size === 'sm' && 'btn-sm',
    icon && 'btn-icon',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return <button type={type} className={cls} {...rest} />;
}

export function Field(props: {
  label: string;
  htmlFor?: string;
  required?: boolean;
  help?: string;
  errors?: string[];
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="field" data-testid={props.testId}>
      <label className="field-label" htmlFor={props.htmlFor}>
        {props.label}
        {props.required && (
          <span className="required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {props.children}
      {props.help && <div className="field-help">{props.help}</div>}
      {props.errors?.map((e) => (
        <div className="field-error" role="alert" key={e}>
          {e}
        </div>
      ))}
    </div>
  );
}

export function EmptyState(props: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty card">
      <h2>{props.title}</h2>
      <p>{props.children}</p>
      {props.action}
    </div>
  );
}

export function Badge(props: { tone?: 'success' | 'danger' | 'accent'; children: ReactNode }) {
  return <span className={`badge${props.tone ? ` badge-${props.tone}` : ''}`}>{props.children}</span>;
}

export function Dialog(props: {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <RadixDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="overlay" />
        <RadixDialog.Content className="dialog" aria-describedby={undefined}>
          <div className="row" style={{ marginBottom: 12 }}>
            <RadixDialog.Title asChild>
              <h2 className="grow" style={{ margin: 0 }}>
                {props.title}
              </h2>
            </RadixDialog.Title>
            <RadixDialog.Close asChild>
              <Button variant="ghost" icon aria-label="Close">
                ✕
              </Button>
            </RadixDialog.Close>
          </div>
          {props.description && <p className="muted">{props.description}</p>}
          {props.children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export function Menu(props: { trigger: ReactNode; children: ReactNode; align?: 'start' | 'end' }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>{props.trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align={props.align ?? 'start'} sideOffset={4}>
          {props.children}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

export function MenuItem(props: { onSelect(): void; children: ReactNode; testId?: string }) {
  return (
    <DropdownMenu.Item className="menu-item" onSelect={props.onSelect} data-testid={props.testId}>
      {props.children}
    </DropdownMenu.Item>
  );
}

export const MenuSeparator = () => <DropdownMenu.Separator className="menu-sep" />;
export const MenuLabel = (props: { children: ReactNode }) => (
  <DropdownMenu.Label className="menu-label">{props.children}</DropdownMenu.Label>
);

export function Tip(props: { label: string; children: ReactNode }) {
  return (
    <RadixTooltip.Root delayDuration={400}>
      <RadixTooltip.Trigger asChild>{props.children}</RadixTooltip.Trigger>
      <RadixTooltip.Portal>
        <RadixTooltip.Content className="tooltip" sideOffset={6}>
          {props.label}
        </RadixTooltip.Content>
      </RadixTooltip.Portal>
    </RadixTooltip.Root>
  );
}

export const TooltipProvider = RadixTooltip.Provider;
