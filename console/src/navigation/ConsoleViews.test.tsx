import type { AgentProfile } from '@mostrador/shared';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Header } from '../components/Header.tsx';
import { ConsoleViews } from './ConsoleViews.tsx';
import { stubApi } from '../admin/testApi.ts';

function agentWith(role: AgentProfile['role']): AgentProfile {
  return {
    id: 'agt_one',
    name: 'Núria',
    email: 'nuria@shop.test',
    role,
    capacity: 3,
    departmentIds: [],
    site: { id: 'sit_one', name: 'Shop', key: 'key' },
  };
}

/** Stands in for the inbox screen, which renders the same header. */
function FakeInbox({ agent }: { agent: AgentProfile }) {
  return (
    <div data-part="fake-inbox">
      <Header agent={agent} onLogout={() => {}} />
    </div>
  );
}

function renderViews(role: AgentProfile['role']) {
  const agent = agentWith(role);
  return render(
    <ConsoleViews agent={agent} onLogout={vi.fn()}>
      <FakeInbox agent={agent} />
    </ConsoleViews>,
  );
}

describe('ConsoleViews', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('offers every agent the inbox, the visitors, search and their account, and only admins the reports and the admin pages', () => {
    const navOf = (container: Element) => [...container.querySelectorAll('nav.view-nav button')].map((button) => button.textContent);
    expect(navOf(renderViews('agent').container)).toEqual(['Inbox', 'Visitors', 'Search', 'My account']);
    cleanup();
    expect(navOf(renderViews('admin').container)).toEqual(['Inbox', 'Visitors', 'Search', 'Reports', 'Admin', 'My account']);
  });

  it('keeps the inbox screen shown for the visitors view, which it renders itself', () => {
    const { container } = renderViews('agent');
    const inbox = container.querySelector<HTMLElement>('[data-part="fake-inbox"]')!;
    fireEvent.click(container.querySelector('button[data-part="nav-visitors"]')!);
    expect(inbox.closest('[hidden]')).toBeNull();
    expect(container.querySelector('button[data-part="nav-visitors"]')!.getAttribute('aria-current')).toBe('page');
    expect(container.querySelector('button[data-part="nav-inbox"]')!.getAttribute('aria-current')).toBeNull();
  });

  it('shows the reports page when an admin opens it, keeping the inbox mounted and the focus on its nav button', async () => {
    stubApi({
      'GET /api/admin/agents': [200, { agents: [] }],
      'GET /api/admin/departments': [200, { departments: [] }],
    });
    const { container } = renderViews('admin');
    const inbox = container.querySelector<HTMLElement>('[data-part="fake-inbox"]')!;
    fireEvent.click(container.querySelector('button[data-part="nav-reports"]')!);
    await waitFor(() => expect(container.querySelector('.reports-shell h1')?.textContent).toBe('Reports'));
    expect(inbox.isConnected).toBe(true);
    expect(inbox.closest('[hidden]')).not.toBeNull();
    const reportsNav = container.querySelector('.reports-shell button[data-part="nav-reports"]')!;
    expect(reportsNav.getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.activeElement).toBe(reportsNav));
  });

  it('lets an admin switch to the admin pages and back, keeping the inbox mounted', async () => {
    stubApi({
      'GET /api/admin/agents': [200, { agents: [] }],
      'GET /api/admin/departments': [200, { departments: [] }],
    });
    const { container } = renderViews('admin');
    const inbox = container.querySelector<HTMLElement>('[data-part="fake-inbox"]')!;
    expect(container.querySelector('button[data-part="nav-inbox"]')!.getAttribute('aria-current')).toBe('page');

    fireEvent.click(container.querySelector('button[data-part="nav-admin"]')!);

    const agentsTab = container.querySelector('button[data-admin-tab="agents"]')!;
    expect(agentsTab.getAttribute('aria-selected')).toBe('true');
    expect([...container.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent)).toEqual([
      'Agents',
      'Departments',
      'Triggers',
      'Canned replies',
      'Tags',
      'Site and widget',
      'Branding',
      'Business hours',
      'Privacy',
      'Mailbox',
    ]);
    expect(inbox.isConnected).toBe(true);
    expect(inbox.closest('[hidden]')).not.toBeNull();
    const adminNav = container.querySelector('.admin-shell button[data-part="nav-admin"]')!;
    expect(adminNav.getAttribute('aria-current')).toBe('page');
    expect(document.activeElement).toBe(adminNav);

    fireEvent.keyDown(agentsTab, { key: 'ArrowRight' });
    expect(container.querySelector('button[data-admin-tab="departments"]')!.getAttribute('aria-selected')).toBe('true');

    fireEvent.click(container.querySelector('.admin-shell button[data-part="nav-inbox"]')!);
    expect(container.querySelector('.admin-shell')).toBeNull();
    expect(inbox.closest('[hidden]')).toBeNull();
  });

  it('leaves the admin pages when the agent is demoted while signed in', () => {
    stubApi({
      'GET /api/admin/agents': [200, { agents: [] }],
      'GET /api/admin/departments': [200, { departments: [] }],
    });
    const admin = agentWith('admin');
    const { container, rerender } = render(
      <ConsoleViews agent={admin} onLogout={vi.fn()}>
        <FakeInbox agent={admin} />
      </ConsoleViews>,
    );
    const inbox = container.querySelector<HTMLElement>('[data-part="fake-inbox"]')!;
    fireEvent.click(container.querySelector('button[data-part="nav-admin"]')!);
    expect(container.querySelector('.admin-shell')).not.toBeNull();

    const demoted = agentWith('agent');
    rerender(
      <ConsoleViews agent={demoted} onLogout={vi.fn()}>
        <FakeInbox agent={demoted} />
      </ConsoleViews>,
    );
    expect(container.querySelector('.admin-shell')).toBeNull();
    expect(container.querySelector('[data-part="fake-inbox"]')).toBe(inbox);
    expect(inbox.closest('[hidden]')).toBeNull();
    expect([...container.querySelectorAll('nav.view-nav button')].map((b) => b.textContent)).toEqual([
      'Inbox',
      'Visitors',
      'Search',
      'My account',
    ]);
  });
});
