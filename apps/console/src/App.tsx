import { Navigate, Route, Routes } from 'react-router';
import { Audit } from './admin/Audit';
import { CASE_READERS, REPORT_READERS } from './api/client';
import { Partners } from './admin/Partners';
import { Programme, Programmes } from './admin/Programmes';
import { Staff } from './admin/Staff';
import { Layout } from './Layout';
import { OpenCase } from './pages/OpenCase';
import { ReturnCase } from './pages/ReturnCase';
import { Returns } from './pages/Returns';
import { Reports } from './reports/Reports';
import { SignIn, SignInCallback } from './pages/SignIn';
import { useSession } from './session';

export function App() {
  const { session, has } = useSession();
  if (!session) {
    return (
      <Routes>
        <Route path="/signed-in" element={<SignInCallback />} />
        <Route path="*" element={<SignIn />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={has(...CASE_READERS) ? <Returns /> : <Navigate to="/admin/programmes" replace />} />
        <Route path="returns/:caseRef" element={<ReturnCase />} />
        <Route path="open" element={<OpenCase />} />
        {has(...REPORT_READERS) && <Route path="reports" element={<Reports />} />}
        <Route path="admin/programmes" element={<Programmes />} />
        <Route path="admin/programmes/:code" element={<Programme />} />
        <Route path="admin/partners" element={<Partners />} />
        <Route path="admin/staff" element={<Staff />} />
        <Route path="admin/audit" element={<Audit />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
